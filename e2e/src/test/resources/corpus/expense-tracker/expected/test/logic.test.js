import test from 'node:test';
import assert from 'node:assert/strict';
import {
  createStore,
  createExpense,
  listExpenses,
  getExpense,
  updateExpense,
  deleteExpense,
  totalsByCategory,
  grandTotalCents,
} from '../src/logic.js';
test('createExpense stores a normalised expense with a numeric id', () => {
  const store = createStore();
  const expense = createExpense(store, { description: ' Lunch ', amountCents: 1250, category: 'Food' });
  assert.deepEqual(expense, { id: 1, description: 'Lunch', amountCents: 1250, category: 'food' });
  assert.deepEqual(listExpenses(store), [expense]);
});

test('an expense without a category goes to "other"', () => {
  const store = createStore();
  assert.equal(createExpense(store, { description: 'Stamps', amountCents: 300 }).category, 'other');
  assert.equal(createExpense(store, { description: 'Gift', amountCents: 900, category: '  ' }).category, 'other');
});

test('invalid expenses throw errors with status 400', () => {
  const store = createStore();
  const invalid = [
    null,
    { amountCents: 100 },
    { description: 'Taxi', amountCents: 12.5 },
    { description: 'Taxi', amountCents: 0 },
    { description: 'Taxi', amountCents: '100' },
    { description: 'Taxi', amountCents: 100, category: 7 },
  ];
  for (const input of invalid) {
    assert.throws(() => createExpense(store, input), { status: 400 });
  }
  assert.equal(listExpenses(store).length, 0);
});

test('get, update and delete an expense by id', () => {
  const store = createStore();
  const { id } = createExpense(store, { description: 'Train', amountCents: 4000, category: 'travel' });
  assert.equal(getExpense(store, String(id)).description, 'Train');
  assert.deepEqual(updateExpense(store, id, { amountCents: 4500 }), { id, description: 'Train', amountCents: 4500, category: 'travel' });
  assert.throws(() => updateExpense(store, id, { amountCents: -1 }), { status: 400 });
  assert.equal(updateExpense(store, 404, { amountCents: 1 }), null);
  assert.equal(deleteExpense(store, id), true);
  assert.equal(deleteExpense(store, id), false);
  assert.equal(getExpense(store, id), null);
});

test('returned expenses are copies', () => {
  const store = createStore();
  const expense = createExpense(store, { description: 'Book', amountCents: 1599 });
  expense.amountCents = 1;
  listExpenses(store)[0].description = 'changed';
  assert.deepEqual(getExpense(store, expense.id), { id: expense.id, description: 'Book', amountCents: 1599, category: 'other' });
});
test('totalsByCategory sums amounts per category, largest first', () => {
  const store = createStore();
  createExpense(store, { description: 'Groceries', amountCents: 5230, category: 'food' });
  createExpense(store, { description: 'Bus', amountCents: 280, category: 'travel' });
  createExpense(store, { description: 'Pizza', amountCents: 1800, category: 'Food' });
  createExpense(store, { description: 'Cinema', amountCents: 280, category: 'fun' });
  assert.deepEqual(totalsByCategory(store), [
    { category: 'food', totalCents: 7030, count: 2 },
    { category: 'fun', totalCents: 280, count: 1 },
    { category: 'travel', totalCents: 280, count: 1 },
  ]);
  assert.equal(grandTotalCents(store), 7590);
});

test('totals follow updates and deletes', () => {
  const store = createStore();
  const a = createExpense(store, { description: 'Coffee', amountCents: 350, category: 'food' });
  const b = createExpense(store, { description: 'Taxi', amountCents: 2200, category: 'travel' });
  assert.equal(totalsByCategory(store).length, 2);
  updateExpense(store, a.id, { category: 'travel' });
  assert.deepEqual(totalsByCategory(store), [{ category: 'travel', totalCents: 2550, count: 2 }]);
  deleteExpense(store, b.id);
  assert.deepEqual(totalsByCategory(store), [{ category: 'travel', totalCents: 350, count: 1 }]);
  assert.equal(grandTotalCents(store), 350);
});

test('an empty store has no totals', () => {
  const store = createStore();
  assert.deepEqual(totalsByCategory(store), []);
  assert.equal(grandTotalCents(store), 0);
});
