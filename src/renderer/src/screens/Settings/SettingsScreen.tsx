export function SettingsScreen() {
  return (
    <div className="page">
      <header className="page__header">
        <h1>Share &amp; Settings</h1>
      </header>
    </div>
  );
}
