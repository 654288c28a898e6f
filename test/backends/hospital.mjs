// Stand-in for the Hospital / Healthcare JSON service (docs jar on port 9090).
// Contract: /work/shared/corpus/BACKENDS.md §2. Like the original, business
// errors are HTTP 200 with `{"status": "<message>"}`; only unknown routes (404),
// wrong methods (405) and unreadable bodies (400) use other statuses.
import { randomUUID } from 'node:crypto';
import { listen, readBody, recordOf, pushBounded, send } from './http-kit.mjs';
import { double, toJavaJson } from './java-json.mjs';
import { javaDouble } from './java-format.mjs';
import {
  HOSPITAL_IDS, PATIENT_FIELDS, SEED_CATEGORIES, SEED_DOCTORS, daysUntil, discountPercent,
} from './hospital-data.mjs';

/** @typedef {import('./hospital-data.mjs').Doctor} Doctor */
/** @typedef {import('./http-kit.mjs').RecordedRequest} RecordedRequest */
/** @typedef {Record<string, string>} Patient */

/**
 * @typedef {object} Appointment
 * @property {number} appointmentNumber
 * @property {Doctor} doctor
 * @property {Patient} patient
 * @property {number} fee
 * @property {boolean} confirmed
 * @property {string | undefined} appointmentDate
 */

/**
 * @typedef {object} Payment
 * @property {string} patient     patient name
 * @property {number} actualFee
 * @property {number} discount    percent, an int
 * @property {number} discounted
 * @property {string} paymentID
 * @property {string} status
 */

/**
 * @typedef {object} HospitalOptions
 * @property {number} [port]
 * @property {string} [host]
 * @property {() => Date} [now]          clock for validity days and age-based discounts
 * @property {() => string} [paymentId]  payment id generator (default: random UUID)
 * @property {number} [maxRecorded]      bound of `lastRequests` (default 1000)
 */

/**
 * @typedef {object} HospitalBackend
 * @property {number} port
 * @property {string} url
 * @property {ReadonlyMap<number, Appointment>} appointments
 * @property {ReadonlyMap<string, Payment>} payments
 * @property {RecordedRequest[]} lastRequests
 * @property {() => void} reset   back to seed data; appointment numbers restart at 1
 * @property {() => Promise<void>} close
 */

/** @typedef {{ status: number, body: unknown }} JsonReply */

/**
 * @param {HospitalOptions} [options]
 * @returns {Promise<HospitalBackend>}
 */
export async function start(options = {}) {
  const now = options.now ?? (() => new Date());
  const newPaymentId = options.paymentId ?? randomUUID;
  const maxRecorded = options.maxRecorded ?? 1000;
  /** @type {RecordedRequest[]} */
  const lastRequests = [];
  /** @type {Doctor[]} */
  let doctors = [];
  /** @type {string[]} */
  let categories = [];
  /** @type {Map<number, Appointment>} */
  const appointments = new Map();
  /** @type {Map<string, Patient>} */
  const patients = new Map();
  /** @type {Map<string, { patient: Patient, symptoms: unknown[], treatments: unknown[] }>} */
  const records = new Map();
  /** @type {Map<string, Payment>} */
  const payments = new Map();
  let nextAppointmentNumber = 1;

  const reset = () => {
    doctors = SEED_DOCTORS.map((d) => ({ ...d }));
    categories = [...SEED_CATEGORIES];
    appointments.clear();
    patients.clear();
    records.clear();
    payments.clear();
    lastRequests.length = 0;
    nextAppointmentNumber = 1;
  };
  reset();

  const ok = (/** @type {unknown} */ body) => ({ status: 200, body });
  const status = (/** @type {string} */ message) => ok({ status: message });
  const findDoctor = (/** @type {unknown} */ name) => doctors.find((d) => d.name === name);

  /** Route table: method, path pattern, handler(params, body). Literal routes precede `{category}`. */
  /** @type {Array<[string, RegExp, (p: string[], body: any) => JsonReply]>} */
  const routes = [
    ['GET', /^\/healthcare\/appointments\/validity\/(-?\d+)$/, ([id]) => {
      const appointment = appointments.get(Number(id));
      return appointment ? ok(daysUntil(appointment.appointmentDate, now())) : status('Error.Could not Find the Requested appointment ID');
    }],
    ['GET', /^\/healthcare\/appointments\/(-?\d+)$/, ([id]) => {
      const appointment = appointments.get(Number(id));
      return appointment ? ok(appointmentJson(appointment)) : status(`Error.There is no appointment with appointment number ${id}`);
    }],
    ['DELETE', /^\/healthcare\/appointments\/(-?\d+)$/, ([id]) => {
      appointments.delete(Number(id));
      return status('Appointment is successfully removed');
    }],
    ['POST', /^\/healthcare\/payments$/, (_, body) => settlePayment(body)],
    ['GET', /^\/healthcare\/payments$/, () => ok(Object.fromEntries([...payments].map(([id, p]) => [id, paymentJson(p)])))],
    ['GET', /^\/healthcare\/payments\/payment\/([^/]+)$/, ([id]) => {
      const payment = payments.get(id);
      return payment ? ok(paymentJson(payment)) : status('Invalid payment id provided');
    }],
    ['POST', /^\/healthcare\/admin\/newdoctor$/, (_, body) => addDoctor(body)],
    ['GET', /^\/healthcare\/([^/]+)$/, ([category]) => {
      const found = doctors.filter((d) => d.category === category);
      return found.length ? ok(found.map(doctorJson)) : status('Could not find any entry for the requested Category');
    }],
    ['POST', /^\/([^/]+)\/categories\/([^/]+)\/reserve$/, ([, category], body) => reserve(category, body)],
    ['GET', /^\/([^/]+)\/categories\/appointments\/(-?\d+)\/fee$/, ([, id]) => {
      const appointment = appointments.get(Number(id));
      if (!appointment) return status('Error.Could not Find the Requested appointment ID');
      return ok({
        patientName: String(appointment.patient.name ?? '').toLowerCase(),
        doctorName: appointment.doctor.name.toLowerCase(),
        actualFee: javaDouble(appointment.doctor.fee),
      });
    }],
    ['GET', /^\/([^/]+)\/categories\/patient\/([^/]+)\/getrecord$/, ([, ssn]) => {
      const record = records.get(ssn);
      return record ? ok(record) : status('Could not find valid Patient Entry');
    }],
    ['POST', /^\/([^/]+)\/categories\/patient\/updaterecord$/, (_, body) => updateRecord(body)],
    ['GET', /^\/([^/]+)\/categories\/patient\/appointment\/(-?\d+)\/discount$/, ([, id]) => {
      const appointment = appointments.get(Number(id));
      if (!appointment) return status('Invalid appointment ID');
      return status(String(discountPercent(appointment.patient.dob, now()) > 0));
    }],
  ];

  /** @param {string} category @param {any} request */
  function reserve(category, request) {
    if (!categories.includes(category)) return status('Invalid Category');
    const doctor = findDoctor(request?.doctor);
    const hospital = String(request?.hospital ?? '');
    // The original looks the doctor up by name only, then checks the hospital.
    if (!doctor || doctor.hospital.toLowerCase() !== hospital.toLowerCase()) {
      return status(`Doctor ${request?.doctor} isn't available in ${request?.hospital}`);
    }
    const patient = normalizePatient(request?.patient);
    /** @type {Appointment} */
    const appointment = {
      appointmentNumber: nextAppointmentNumber++,
      doctor,
      patient,
      fee: doctor.fee,
      confirmed: false,
      appointmentDate: typeof request?.appointment_date === 'string' ? request.appointment_date : undefined,
    };
    appointments.set(appointment.appointmentNumber, appointment);
    if (patient.ssn !== undefined) {
      patients.set(patient.ssn, patient);
      if (!records.has(patient.ssn)) records.set(patient.ssn, { patient, symptoms: [], treatments: [] });
    }
    return ok(appointmentJson(appointment));
  }

  /** @param {any} request */
  function settlePayment(request) {
    const number = Number(request?.appointmentNumber ?? 0);
    if (!(number >= 0)) return status('Error.Could not Find the Requested appointment ID');
    const doctor = findDoctor(request?.doctor?.name);
    const dob = request?.patient?.dob;
    // The original fails with an unhandled exception (HTTP 500) in these cases.
    if (!doctor) return { status: 500, body: { status: `Doctor ${request?.doctor?.name} not found` } };
    if (typeof dob !== 'string') return { status: 500, body: { status: 'Patient date of birth missing' } };
    const discount = discountPercent(dob, now());
    /** @type {Payment} */
    const payment = {
      patient: request?.patient?.name,
      actualFee: doctor.fee,
      discount,
      discounted: (doctor.fee / 100) * (100 - discount),
      paymentID: newPaymentId(),
      status: 'Settled',
    };
    payments.set(payment.paymentID, payment);
    return ok(paymentJson(payment));
  }

  /** @param {any} request */
  function updateRecord(request) {
    const ssn = request?.SSN ?? request?.ssn ?? request?.patient?.ssn;
    const record = records.get(ssn);
    if (!patients.has(ssn) || !record) return status('Could not find valid Patient Entry');
    if (Array.isArray(request.symptoms)) record.symptoms.push(...request.symptoms);
    if (Array.isArray(request.treatments)) record.treatments.push(...request.treatments);
    return status('Record Update Success');
  }

  /** @param {any} request */
  function addDoctor(request) {
    const category = String(request?.category ?? '');
    if (category && !categories.includes(category)) categories.push(category);
    if (findDoctor(request?.name)) return status('Doctor Already Exist in the system');
    doctors.push({
      name: String(request?.name ?? ''),
      hospital: String(request?.hospital ?? ''),
      category,
      availability: String(request?.availability ?? ''),
      fee: Number(request?.fee ?? 0),
    });
    return status('New Doctor Added Successfully');
  }

  const running = await listen(options, (req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, { 'content-type': 'text/plain; charset=UTF-8' }, String(error?.stack ?? error));
      else res.destroy();
    });
  });

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function handle(req, res) {
    const raw = await readBody(req);
    const record = recordOf(req, raw);
    pushBounded(lastRequests, record, maxRecorded);
    const path = record.path.length > 1 ? record.path.replace(/\/+$/, '') : record.path;
    const matching = routes
      .map(([method, pattern, handler]) => ({ method, handler, match: pattern.exec(path) }))
      .filter((r) => r.match);
    if (matching.length === 0) {
      send(res, 404, { 'content-type': 'text/plain; charset=UTF-8' }, `No resource for ${record.method} ${path}`);
      return;
    }
    const route = matching.find((r) => r.method === req.method);
    if (!route || !route.match) {
      send(res, 405, { allow: [...new Set(matching.map((r) => r.method))].join(', ') });
      return;
    }
    const params = route.match.slice(1).map((p) => decodeURIComponent(p));
    if (/^\/[^/]+\/categories\//.test(path) && !HOSPITAL_IDS.includes(params[0])) {
      send(res, 404, { 'content-type': 'text/plain; charset=UTF-8' }, `Unknown hospital ${params[0]}`);
      return;
    }
    let body = null;
    if (route.method === 'POST') {
      try {
        body = JSON.parse(record.body);
      } catch {
        send(res, 400, { 'content-type': 'application/json' }, toJavaJson({ status: 'Invalid JSON payload' }));
        return;
      }
    }
    const reply = route.handler(params, body);
    send(res, reply.status, { 'content-type': 'application/json' }, toJavaJson(reply.body));
  }

  return {
    port: running.port,
    url: running.url,
    appointments,
    payments,
    lastRequests,
    reset,
    close: running.close,
  };
}

/** Patient fields the original keeps, in its order. @param {any} input @returns {Patient} */
function normalizePatient(input) {
  /** @type {Patient} */
  const patient = {};
  for (const field of PATIENT_FIELDS) {
    if (input && input[field] !== undefined && input[field] !== null) patient[field] = String(input[field]);
  }
  return patient;
}

/** @param {Doctor} d */
function doctorJson(d) {
  return { name: d.name, hospital: d.hospital, category: d.category, availability: d.availability, fee: double(d.fee) };
}

/** @param {Appointment} a */
function appointmentJson(a) {
  return {
    appointmentNumber: a.appointmentNumber,
    doctor: doctorJson(a.doctor),
    patient: a.patient,
    fee: double(a.fee),
    confirmed: a.confirmed,
    appointmentDate: a.appointmentDate,
  };
}

/** @param {Payment} p */
function paymentJson(p) {
  return {
    patient: p.patient,
    actualFee: double(p.actualFee),
    discount: p.discount,
    discounted: double(p.discounted),
    paymentID: p.paymentID,
    status: p.status,
  };
}
