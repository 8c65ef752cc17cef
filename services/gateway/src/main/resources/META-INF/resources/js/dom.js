// Building the page's elements without innerHTML: every text goes in as a text node.
export const $ = id => document.getElementById(id);

/**
 * el('button', { className: 'x', type: 'button', dataset: { path }, on: { click } }, 'text', child…)
 * Properties are set on the element (aria-* and other attributes through `attrs`); strings become text nodes.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  const { attrs, dataset, on, ...rest } = props;
  Object.assign(node, rest);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? '' : String(value));
  }
  Object.assign(node.dataset, dataset ?? {});
  for (const [type, handler] of Object.entries(on ?? {})) node.addEventListener(type, handler);
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** Runs `draw` at most once per animation frame, however often it is asked for. */
export function throttled(draw) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      draw();
    });
  };
}

export function timeOf(iso) {
  const at = iso ? new Date(iso) : null;
  return at && !Number.isNaN(at.getTime()) ? at.toLocaleTimeString() : '';
}
