// Public holidays for request deadlines, from `date-holidays` (loaded on first use: its rules for
// every country are large, and only the requests need them).
import type { HolidayCalendar } from '../../../shared/domain';

const calendars = new Map<string, Promise<HolidayCalendar>>();

/** The public holidays of `country` (ISO 3166-1 alpha-2; the controller's country, Italy by default). */
export function loadHolidayCalendar(country = 'IT'): Promise<HolidayCalendar> {
  let calendar = calendars.get(country);
  if (!calendar) {
    calendar = import('date-holidays').then(({ default: Holidays }) => {
      const holidays = new Holidays(country);
      // Noon, so the date is the same calendar day in the holiday rules' own time zone.
      return (date: string) =>
        (holidays.isHoliday(new Date(`${date}T12:00:00`)) || []).some((h) => h.type === 'public');
    });
    calendars.set(country, calendar);
  }
  return calendar;
}
