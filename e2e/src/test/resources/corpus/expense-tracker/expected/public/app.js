const $ = (selector) => document.querySelector(selector);

const formatCents = (cents) => `$${(cents / 100).toFixed(2)}`;

function parseAmount(text) {
  const value = Number(String(text).replace(',', '.'));
  return Number.isFinite(value) ? Math.round(value * 100) : NaN;
}

async function request(method, url, body) {
  const options = { method, headers: {} };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(url, options);
  const data = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(data?.error ?? `Request failed with status ${response.status}`);
  return data;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function showError(error) {
  $('#error').textContent = error ? error.message : '';
}
const state = { expenses: [], categories: [], totalCents: 0 };

async function load() {
  const [expenses, totals] = await Promise.all([request('GET', '/api/expenses'), request('GET', '/api/totals')]);
  state.expenses = expenses;
  state.categories = totals.categories;
  state.totalCents = totals.totalCents;
  render();
}

function render() {
  $('#status').textContent = state.expenses.length === 1 ? '1 expense' : `${state.expenses.length} expenses`;
  ExpenseTable($('#expenses'));
  CategoryTotals($('#totals'));
}
ExpenseForm($('#expense-form'));
load().catch(showError);
// @component ExpenseForm requires api:createExpense
function ExpenseForm(form) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      await request('POST', '/api/expenses', {
        description: data.get('description'),
        amountCents: parseAmount(data.get('amount')),
        category: data.get('category'),
      });
      form.reset();
      showError(null);
      await load();
    } catch (error) {
      showError(error);
    }
  });
}
// @component ExpenseTable requires api:listExpenses, api:deleteExpense
function ExpenseTable(table) {
  const rows = state.expenses.map((expense) => {
    const row = document.createElement('tr');
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Delete';
    remove.addEventListener('click', () => {
      request('DELETE', `/api/expenses/${expense.id}`).then(load).catch(showError);
    });
    const actions = cell('');
    actions.append(remove);
    row.append(cell(expense.description), cell(expense.category, 'category'), cell(formatCents(expense.amountCents), 'amount'), actions);
    return row;
  });
  table.tBodies[0].replaceChildren(...rows);
}
// @component CategoryTotals requires api:totalsByCategory
function CategoryTotals(table) {
  table.tBodies[0].replaceChildren(...state.categories.map((total) => {
    const row = document.createElement('tr');
    row.append(cell(total.category, 'category'), cell(`${total.count}×`), cell(formatCents(total.totalCents), 'amount'));
    return row;
  }));
  const footer = document.createElement('tr');
  footer.append(cell('Total'), cell(''), cell(formatCents(state.totalCents), 'amount'));
  table.tFoot.replaceChildren(footer);
  $('#categories').replaceChildren(...state.categories.map((total) => {
    const option = document.createElement('option');
    option.value = total.category;
    return option;
  }));
}
