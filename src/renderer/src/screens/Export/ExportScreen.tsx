export function ExportScreen() {
  return (
    <div className="page">
      <header className="page__header">
        <h1>Export</h1>
      </header>
    </div>
  );
}
