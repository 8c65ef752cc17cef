// The gateway's REST API, with its problem details (RFC 9457) turned into sentences for the page.
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

async function call(path, options, read) {
  let response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...options });
  } catch {
    throw new ApiError('the gateway cannot be reached; is it running?', 0);
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    const fields = (problem.errors ?? []).map(e => `${e.field} ${e.message}`).join('; ');
    const title = problem.title ?? `HTTP ${response.status}`;
    throw new ApiError(`${title}: ${problem.detail ?? 'no detail given'}${fields ? ' — ' + fields : ''}`, response.status);
  }
  return read(response);
}

export const getJson = path => call(path, {}, r => r.json());

export const getText = path => call(path, {}, r => r.text());

export const postJson = (path, body) => call(path, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}),
}, r => r.json().catch(() => ({})));

/** /api/generations/{id}/… with the id and each path segment encoded. */
export function generationPath(id, ...segments) {
  return ['/api/generations', encodeURIComponent(id), ...segments.map(s => String(s).split('/').map(encodeURIComponent).join('/'))]
    .join('/');
}
