// The UI shell: a tiny DOM helper, the REST client, and the list of components to mount.
export const components = [];

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (value !== false && value !== undefined) element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat());
  return element;
}

export async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const payload = await response.json();
  if (!response.ok) throw new Error(payload.error ?? `${method} ${path} failed`);
  return payload;
}

export function readForm(form, fields) {
  const value = {};
  for (const field of fields) {
    const input = form.elements[field.name];
    if (field.type === 'boolean') value[field.name] = input.checked;
    else if (field.type === 'number') value[field.name] = input.value === '' ? undefined : Number(input.value);
    else value[field.name] = input.value;
  }
  return value;
}

export function inputFor(field) {
  const types = { boolean: 'checkbox', number: 'number', date: 'date' };
  return h('label', {}, field.name, h('input', { name: field.name, type: types[field.type] ?? 'text', required: field.required && field.type !== 'boolean' }));
}

window.addEventListener('DOMContentLoaded', () => {
  const root = document.getElementById('app');
  for (const component of components) {
    const section = h('section');
    root.append(section);
    component(section);
  }
});
