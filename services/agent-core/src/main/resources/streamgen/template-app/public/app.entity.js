// @component __Entity__List requires api:list__Entities__, api:create__Entity__, api:delete__Entity__
const __entity__Fields = [
__UI_FIELDS__
];

components.push(function __Entity__List(section) {
  const items = h('ul');
  const status = h('p', { class: 'error' });
  const form = h('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        await api('POST', '/api/__entities__', readForm(form, __entity__Fields));
        form.reset();
        await refresh();
      } catch (error) {
        status.textContent = error.message;
      }
    },
  }, __entity__Fields.map(inputFor), h('button', { type: 'submit' }, 'Add __entity__'));

  async function refresh() {
    const all = await api('GET', '/api/__entities__');
    status.textContent = '';
    items.replaceChildren(...all.map((item) => h('li', {},
      h('span', {}, __entity__Fields.map((field) => `${field.name}: ${item[field.name] ?? '-'}`).join(' · ')),
      h('button', { onclick: async () => { await api('DELETE', `/api/__entities__/${item.id}`); await refresh(); } }, 'Delete'))));
  }

  section.append(h('h2', {}, '__Entities__'), form, items, status);
  refresh().catch((error) => { status.textContent = error.message; });
});
