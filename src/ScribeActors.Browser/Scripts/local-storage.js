// ScribeActors checkpoint: the top document's origin and its local storage, read in the page's main world.
// Result: { origin, items } where items is [[name, value], ...] in storage order, or null when the page may not read
// its storage (a sandboxed document, storage disabled).
() => {
  let items = null;
  try {
    const storage = window.localStorage;
    items = [];
    for (let i = 0; i < storage.length; i++) {
      const name = storage.key(i);
      items.push([name, storage.getItem(name) ?? '']);
    }
  } catch {
    items = null;
  }
  return { origin: location.origin, items };
}
