const state = { todos: [], tags: [], tag: '', error: '' };

function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'className') element.className = value;
    else if (typeof value === 'boolean') element.toggleAttribute(key, value);
    else element.setAttribute(key, value);
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const data = await response.json();
  if (!response.ok) throw new Error(data.error ?? `${method} ${path} failed (${response.status})`);
  return data;
}

function render() {
  document.getElementById('app').replaceChildren(App());
}
async function refresh() {
  try {
    const query = state.tag ? `?tag=${encodeURIComponent(state.tag)}` : '';
    const [todos, tags] = await Promise.all([api('GET', `/api/todos${query}`), api('GET', '/api/tags')]);
    state.todos = todos;
    state.tags = tags;
    state.error = '';
  } catch (error) {
    state.error = error.message;
  }
  render();
}

async function mutate(method, path, body) {
  try {
    await api(method, path, body);
  } catch (error) {
    state.error = error.message;
  }
  await refresh();
}
// @component App
function App() {
  return h('section', {},
    state.error ? h('p', { className: 'error' }, state.error) : null,
    TodoForm(),
    TagFilter(),
    TodoList());
}
refresh();
// @component TodoForm requires api:createTodo
function TodoForm() {
  function onSubmit(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const tags = form.elements.tags.value.split(',').map((tag) => tag.trim()).filter(Boolean);
    mutate('POST', '/api/todos', { title: form.elements.title.value, tags });
    form.reset();
  }
  return h('form', { className: 'todo-form', onsubmit: onSubmit },
    h('input', { name: 'title', placeholder: 'What needs doing?', required: true }),
    h('input', { name: 'tags', placeholder: 'tags, comma separated' }),
    h('button', { type: 'submit' }, 'Add'));
}
// @component TagFilter requires api:listTags, api:listTodos
function TagFilter() {
  const chip = (name, label) => h('button', {
    type: 'button',
    className: name === state.tag ? 'chip active' : 'chip',
    onclick: () => {
      state.tag = name;
      refresh();
    },
  }, label);
  return h('nav', { className: 'tag-filter' },
    chip('', 'All'),
    state.tags.map((tag) => chip(tag.name, `#${tag.name} (${tag.count})`)));
}
// @component TodoList requires api:updateTodo, api:deleteTodo
function TodoList() {
  if (state.todos.length === 0) {
    return h('p', { className: 'muted' }, state.tag ? `No todos tagged #${state.tag}.` : 'Nothing to do yet.');
  }
  return h('ul', { className: 'todo-list' }, state.todos.map((todo) => h('li', { className: todo.done ? 'done' : '' },
    h('input', {
      type: 'checkbox',
      checked: todo.done,
      onchange: () => mutate('PUT', `/api/todos/${todo.id}`, { done: !todo.done }),
    }),
    h('span', { className: 'title' }, todo.title),
    todo.tags.map((tag) => h('span', { className: 'tag' }, `#${tag}`)),
    h('button', {
      type: 'button',
      className: 'delete',
      title: 'Delete',
      onclick: () => mutate('DELETE', `/api/todos/${todo.id}`),
    }, '×'))));
}
