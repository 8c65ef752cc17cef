// Expense tracker state and rules. Amounts are integer cents; no I/O in this module.
const invalid = (message) => Object.assign(new Error(message), { status: 400 });

const DEFAULT_CATEGORY = 'other';

const validateExpense = (input, current = {}) => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('an expense must be a JSON object');
  }
  const { description, amountCents, category } = { ...current, ...input };
  if (typeof description !== 'string' || description.trim() === '') {
    throw invalid('description is required');
  }
  if (!Number.isInteger(amountCents) || amountCents <= 0) {
    throw invalid('amountCents must be a positive whole number of cents');
  }
  if (category != null && typeof category !== 'string') {
    throw invalid('category must be a string');
  }
  return {
    description: description.trim(),
    amountCents,
    category: (category ?? '').trim().toLowerCase() || DEFAULT_CATEGORY,
  };
};

export { DEFAULT_CATEGORY, validateExpense };
export function createStore() {
  return { expenses: [], nextId: 1 };
}
const indexOf = (store, id) => store.expenses.findIndex((expense) => expense.id === Number(id));

export const listExpenses = (store) => store.expenses.map((expense) => ({ ...expense }));

export function createExpense(store, input) {
  const fields = validateExpense(input);
  const expense = { id: store.nextId++, ...fields };
  store.expenses.push(expense);
  invalidateTotals(store);
  return { ...expense };
}

export function getExpense(store, id) {
  const index = indexOf(store, id);
  return index === -1 ? null : { ...store.expenses[index] };
}

export function updateExpense(store, id, input) {
  const index = indexOf(store, id);
  if (index === -1) return null;
  const current = store.expenses[index];
  const expense = { id: current.id, ...validateExpense(input, current) };
  store.expenses[index] = expense;
  invalidateTotals(store);
  return { ...expense };
}

export function deleteExpense(store, id) {
  const index = indexOf(store, id);
  if (index === -1) return false;
  store.expenses.splice(index, 1);
  invalidateTotals(store);
  return true;
}
// The totals are computed in one pass over the expenses and cached on the store until the next
// write, so repeated reads (the UI asks after every change) do not re-scan every expense.
function invalidateTotals(store) {
  store.totalsCache = null;
}

function computeTotals(store) {
  const rows = new Map();
  let totalCents = 0;
  for (const { category, amountCents } of store.expenses) {
    const row = rows.get(category);
    if (row) {
      row.totalCents += amountCents;
      row.count += 1;
    } else {
      rows.set(category, { category, totalCents: amountCents, count: 1 });
    }
    totalCents += amountCents;
  }
  const categories = [...rows.values()].sort((a, b) => b.totalCents - a.totalCents || a.category.localeCompare(b.category));
  return { categories, totalCents };
}

// One row per category, largest total first (ties by category name).
export function totalsByCategory(store) {
  store.totalsCache ??= computeTotals(store);
  return store.totalsCache.categories.map((row) => ({ ...row }));
}

export function grandTotalCents(store) {
  store.totalsCache ??= computeTotals(store);
  return store.totalsCache.totalCents;
}
