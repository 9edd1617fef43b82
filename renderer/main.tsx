import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, NoHost } from './app/app';
import { initI18n } from './ui/i18n';
import { connectHost } from './host';
import './styles.css';

await initI18n();
const host = connectHost();
createRoot(document.getElementById('root')!).render(
  <StrictMode>{host ? <App host={host} /> : <NoHost />}</StrictMode>,
);
