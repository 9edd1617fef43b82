import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The frame of a section: its title and its content (or the section's empty state). */
export function SectionPage({ section, children }: { section: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="section-title">
      <header className="section-header">
        <h1 id="section-title">{t(`sections.${section}.title`)}</h1>
      </header>
      {children ?? <p className="empty-state">{t(`sections.${section}.empty`)}</p>}
    </section>
  );
}
