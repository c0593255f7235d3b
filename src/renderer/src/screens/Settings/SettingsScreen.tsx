import { useAppStore } from '../../stores/app-store.ts';
import { ActivityCard } from './ActivityCard.tsx';
import { LibraryToolsCard } from './LibraryToolsCard.tsx';
import { PrintCard } from './PrintCard.tsx';
import { ProcessingCard } from './ProcessingCard.tsx';
import { ShareCard } from './ShareCard.tsx';
import { StorageCard } from './StorageCard.tsx';
import { TagsCard } from './TagsCard.tsx';

export function SettingsScreen() {
  const info = useAppStore((state) => state.info);
  return (
    <div className="page">
      <header className="page__header">
        <h1>Share &amp; Settings</h1>
      </header>
      <div className="settings">
        <div className="settings__column">
          <ShareCard />
          <ActivityCard />
          <TagsCard />
          <LibraryToolsCard />
        </div>
        <div className="settings__column">
          <StorageCard />
          <ProcessingCard />
          <PrintCard />
          <section className="card" aria-labelledby="settings-about">
            <h2 id="settings-about">About</h2>
            <dl className="facts">
              <div className="facts__row">
                <dt>Data folder</dt>
                <dd className="mono">{info?.dataDir ?? '—'}</dd>
              </div>
              <div className="facts__row">
                <dt>Version</dt>
                <dd>
                  {info?.name} {info?.version}
                </dd>
              </div>
              <div className="facts__row">
                <dt>Library schema</dt>
                <dd>{info?.schemaVersion}</dd>
              </div>
            </dl>
          </section>
        </div>
      </div>
    </div>
  );
}
