// Messages of the HTML version of documents (issue 12).
const pl = {
  'documents.html.link': 'Wersja HTML',
  'documents.html.title': '{name} – wersja HTML',
  'documents.html.lead': 'Tekst dokumentu {format} do czytania na stronie: nagłówki, akapity, listy i tabele bez formatowania. Obowiązuje treść pliku.',
  'documents.html.download': 'Pobierz oryginał ({format}, {size})',
  'documents.html.pending': 'Wersja HTML tego dokumentu jest w przygotowaniu. Odśwież stronę za kilka minut albo pobierz plik.',
  'documents.html.failed': 'Nie udało się przygotować wersji HTML tego dokumentu. Pobierz plik albo poproś o dokument w innym formacie.',
  'documents.html.back': 'Wróć do strony z dokumentem',
  'documents.html.content': 'Treść dokumentu',
} as const;

const en: Record<keyof typeof pl, string> = {
  'documents.html.link': 'HTML version',
  'documents.html.title': '{name} – HTML version',
  'documents.html.lead': 'The text of the {format} document to read on the page: headings, paragraphs, lists and tables without formatting. The file\'s content prevails.',
  'documents.html.download': 'Download the original ({format}, {size})',
  'documents.html.pending': 'The HTML version of this document is being prepared. Reload the page in a few minutes or download the file.',
  'documents.html.failed': 'The HTML version of this document could not be prepared. Download the file or ask for the document in another format.',
  'documents.html.back': 'Back to the page with the document',
  'documents.html.content': 'Content of the document',
};

export const documentsMessages = { pl, en };
