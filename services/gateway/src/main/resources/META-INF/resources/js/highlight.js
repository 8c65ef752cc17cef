// A small syntax highlighter for the languages the agents write (JavaScript, HTML, CSS):
// comments, strings, template literals, numbers, keywords and tags. Returns safe HTML.
const KEYWORDS = new Set(('async await break case catch class const continue default delete do else export extends ' +
  'finally for from function if import in instanceof let new of return static super switch this throw try typeof ' +
  'var void while yield true false null undefined').split(' '));

const TOKEN = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/|<!--[\s\S]*?-->)|("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|(\b\d+(?:\.\d+)?\b)|(<\/?[A-Za-z][\w-]*)|([A-Za-z_$][\w$]*)/g;

export function escapeHtml(text) {
  return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export function highlight(code) {
  let out = '';
  let last = 0;
  for (const m of code.matchAll(TOKEN)) {
    out += escapeHtml(code.slice(last, m.index));
    const [text, comment, string, number, tag, word] = m;
    if (comment) out += `<span class="com">${escapeHtml(text)}</span>`;
    else if (string) out += `<span class="str">${escapeHtml(text)}</span>`;
    else if (number) out += `<span class="num">${text}</span>`;
    else if (tag) out += `<span class="tag">${escapeHtml(text)}</span>`;
    else if (word && KEYWORDS.has(word)) out += `<span class="kw">${text}</span>`;
    else out += escapeHtml(text);
    last = m.index + text.length;
  }
  return out + escapeHtml(code.slice(last));
}
