/** The Accord API, from the browser: the session cookie goes along, unsafe requests carry the CSRF header. */
let csrf: string | undefined;
export const setCsrf = (token: string | undefined) => void (csrf = token);

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export async function api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined && !(body instanceof Blob)) headers['content-type'] = 'application/json';
  if (body instanceof Blob) headers['content-type'] = body.type || 'application/octet-stream';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: body instanceof Blob ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) throw new ApiError(res.status, String(data.detail ?? data.title ?? res.statusText));
  if (typeof data.csrf_token === 'string') csrf = data.csrf_token;
  return data as T;
}

/** Uploads with progress (fetch cannot report upload progress). */
export function upload<T>(path: string, file: Blob, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const data = xhr.responseText ? (JSON.parse(xhr.responseText) as Record<string, unknown>) : {};
      if (xhr.status >= 400) reject(new ApiError(xhr.status, String(data.detail ?? xhr.statusText)));
      else resolve(data as T);
    };
    xhr.onerror = () => reject(new ApiError(0, 'the upload failed'));
    xhr.send(file);
  });
}
