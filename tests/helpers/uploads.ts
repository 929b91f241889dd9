// Multipart uploads as a browser sends them (the CSRF token first, then fields, then files), and
// downloads read as bytes.
import { csrfToken, type Agent } from './http.js';

export interface FilePart {
  name: string;
  content: Buffer;
  /** The form field; "files" unless told. */
  field?: string;
  /** Sent as the file name verbatim, folders included (form-data otherwise keeps only the base name). */
  rawPath?: string;
}

/** Opens `formPage` for a CSRF token, then posts the files (and fields) to `action`. Pass token: null to send none. */
export async function uploadFiles(agent: Agent, formPage: string, action: string, files: FilePart[], fields: Record<string, string> = {}, options: { token?: string | null } = {}) {
  const token = options.token === undefined ? await csrfToken(agent, formPage) : options.token;
  let request = agent.post(action);
  if (token !== null) request = request.field('_csrf', token);
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
  for (const file of files) {
    // form-data's own option (not in superagent's types): the name sent as given, not reduced to its base name.
    const options = file.rawPath ? ({ filepath: file.rawPath, filename: file.name } as { filename: string }) : { filename: file.name };
    request = request.attach(file.field ?? 'files', file.content, options);
  }
  return request;
}

/** GETs a URL with the body read as bytes (res.body is a Buffer), whatever the type. */
export function download(agent: Agent, url: string) {
  return agent
    .get(url)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
}
