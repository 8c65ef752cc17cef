// A small syntax highlighter for the languages the agents write (JavaScript, HTML, CSS): comments,
// strings, template literals, numbers, keywords and tags. It yields [class, text] pieces; the page
// puts them in as text nodes, so nothing a model wrote is ever parsed as HTML.
const KEYWORDS = new Set(('async await break case catch class const continue default delete do else export extends ' +
  'finally for from function if import in instanceof let new of return static super switch this throw try typeof ' +
  'var void while yield true false null undefined').split(' '));

const TOKEN = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/|<!--[\s\S]*?-->)|("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|(\b\d+(?:\.\d+)?\b)|(<\/?[A-Za-z][\w-]*)|([A-Za-z_$][\w$]*)/g;

/** The code as [class or null, text] pieces whose texts join to the code. */
export function tokens(code) {
  const out = [];
  let last = 0;
  const plain = text => { if (text) out.push([null, text]); };
  for (const m of code.matchAll(TOKEN)) {
    const [text, comment, string, number, tag, word] = m;
    plain(code.slice(last, m.index));
    if (comment) out.push(['com', text]);
    else if (string) out.push(['str', text]);
    else if (number) out.push(['num', text]);
    else if (tag) out.push(['tag', text]);
    else if (word && KEYWORDS.has(word)) out.push(['kw', text]);
    else plain(text);
    last = m.index + text.length;
  }
  plain(code.slice(last));
  return out;
}

/** Replaces `target`'s children with the highlighted code. */
export function showHighlighted(target, code) {
  const fragment = document.createDocumentFragment();
  for (const [cls, text] of tokens(code)) {
    if (cls) {
      const span = document.createElement('span');
      span.className = cls;
      span.textContent = text;
      fragment.append(span);
    } else {
      fragment.append(document.createTextNode(text));
    }
  }
  target.replaceChildren(fragment);
}
