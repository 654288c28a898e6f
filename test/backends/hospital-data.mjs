// Seed data and pure rules of the Hospital / Healthcare sample service
// (BACKENDS.md §2): doctors, categories, hospital ids, discounts.

/**
 * @typedef {object} Doctor
 * @property {string} name
 * @property {string} hospital
 * @property {string} category
 * @property {string} availability
 * @property {number} fee   a Java double; written with `.0`
 */

/** @type {ReadonlyArray<Readonly<Doctor>>} */
export const SEED_DOCTORS = [
  { name: 'thomas collins', hospital: 'grand oak community hospital', category: 'surgery', availability: '9.00 a.m - 11.00 a.m', fee: 7000 },
  { name: 'henry parker', hospital: 'grand oak community hospital', category: 'ent', availability: '9.00 a.m - 11.00 a.m', fee: 4500 },
  { name: 'abner jones', hospital: 'grand oak community hospital', category: 'gynaecology', availability: '8.00 a.m - 10.00 a.m', fee: 11000 },
  { name: 'abner jones', hospital: 'grand oak community hospital', category: 'ent', availability: '8.00 a.m - 10.00 a.m', fee: 6750 },
  { name: 'anne clement', hospital: 'clemency medical center', category: 'surgery', availability: '8.00 a.m - 10.00 a.m', fee: 12000 },
  { name: 'thomas kirk', hospital: 'clemency medical center', category: 'gynaecology', availability: '9.00 a.m - 11.00 a.m', fee: 8000 },
  { name: 'cailen cooper', hospital: 'clemency medical center', category: 'paediatric', availability: '9.00 a.m - 11.00 a.m', fee: 5500 },
  { name: 'seth mears', hospital: 'pine valley community hospital', category: 'surgery', availability: '3.00 p.m - 5.00 p.m', fee: 8000 },
  { name: 'emeline fulton', hospital: 'pine valley community hospital', category: 'cardiology', availability: '8.00 a.m - 10.00 a.m', fee: 4000 },
  { name: 'jared morris', hospital: 'willow gardens general hospital', category: 'cardiology', availability: '9.00 a.m - 11.00 a.m', fee: 10000 },
  { name: 'henry foster', hospital: 'willow gardens general hospital', category: 'paediatric', availability: '8.00 a.m - 10.00 a.m', fee: 10000 },
];

export const SEED_CATEGORIES = ['surgery', 'cardiology', 'gynaecology', 'ent', 'paediatric'];

/** Path ids of the per-hospital resources (`/{id}/categories/...`). */
export const HOSPITAL_IDS = ['grandoaks', 'clemency', 'pinevalley', 'willowgardens'];

/** Patient fields in the order the original's Patient bean serializes them. */
export const PATIENT_FIELDS = ['name', 'dob', 'ssn', 'address', 'phone', 'email'];

/**
 * Age from the year of birth only, as the original computes it.
 * @param {string} dob   yyyy-MM-dd
 * @param {Date} now
 */
export function ageInYears(dob, now) {
  const year = parseInt(String(dob).split('-')[0], 10);
  return Number.isNaN(year) ? NaN : now.getFullYear() - year;
}

/**
 * Discount percentage: 15 under 12 years, 20 over 55, otherwise 0.
 * @param {string} dob
 * @param {Date} now
 */
export function discountPercent(dob, now) {
  const age = ageInYears(dob, now);
  if (age < 12) return 15;
  if (age > 55) return 20;
  return 0;
}

/**
 * Whole days from `now` until the appointment date (local midnight), truncated
 * toward zero like Java's long division; 0 when the date does not parse.
 * @param {string | undefined} appointmentDate   yyyy-MM-dd
 * @param {Date} now
 */
export function daysUntil(appointmentDate, now) {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(appointmentDate ?? '');
  if (!m) return 0;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.trunc((date.getTime() - now.getTime()) / 86400000);
}
