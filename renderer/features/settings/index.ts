// The entry of the settings feature: its page.
export { SettingsPage } from './settings-page';
