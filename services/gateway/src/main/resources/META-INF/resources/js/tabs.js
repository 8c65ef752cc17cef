// The workspace's tabs, as the WAI-ARIA tabs pattern: buttons with role="tab" (the selected one in
// the tab order), arrow keys, Home and End move between them, each shows its own panel.
export function setupTabs(tablist, onSelect = () => {}) {
  const tabs = [...tablist.querySelectorAll('[role="tab"]')];
  const select = (tab, focus = false) => {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      document.getElementById(t.getAttribute('aria-controls')).hidden = !selected;
    }
    if (focus) tab.focus();
    onSelect(tab.dataset.tab);
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', event => {
      const i = tabs.indexOf(tab);
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (to === undefined) return;
      event.preventDefault();
      select(tabs[(to + tabs.length) % tabs.length], true);
    });
  }
  select(tabs.find(t => t.getAttribute('aria-selected') === 'true') ?? tabs[0]);
  return { select: name => select(tabs.find(t => t.dataset.tab === name) ?? tabs[0]) };
}
