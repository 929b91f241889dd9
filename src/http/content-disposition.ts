// Content-Disposition for downloads (RFC 6266): the real name in UTF-8 (RFC 5987 filename*), which
// every current browser uses, and an ASCII fallback with Polish letters simplified (ą -> a, ł -> l).
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  // encodeURIComponent leaves ' ( ) * alone, which RFC 5987 does not allow unencoded.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encoded}`;
}

export function asciiFallback(fileName: string): string {
  return fileName
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[–—]/g, '-')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
}
