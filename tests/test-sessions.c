/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sessions"

#include "config.h"

#include <string.h>

#include "sessions-test-helpers.h"
#include "tonic-time.h"

/* Documented sessions through the store API: starting one from an
 * appointment and the plan, documenting it as a nurse, signing it as a
 * clinician, what signing refuses, scores scored by the store, safety
 * flags, vitals alerts from the plan's thresholds, immutability (also
 * against raw SQL), amendments, the patient's course phase and the audit
 * trail. */

#define CLINICIAN "cleo.clin"
#define CHECKER   "cyrus.clin"
#define NURSE     "nils.nurse"
#define DESK      "fran.desk"

#define TRIGGER_MESSAGE "a signed session cannot be changed: add an amendment"

typedef struct
{
  char       *dir;
  char       *path;
  TonicKey   *key;
  TonicStore *store;
  gint64      admin_id;
  gint64      clinician_id;
  gint64      checker_id;
  gint64      nurse_id;
  gint64      desk_id;
  gint64      patient_id;
  gint64      appointment_id;
  char       *arrived_at;
  TonicPlan  *plan;
} Fixture;

static const struct
{
  TonicRole   role;
  const char *username;
  const char *name;
} members[] = {
  { TONIC_ROLE_CLINICIAN, CLINICIAN, "Cleo Clinician" },
  { TONIC_ROLE_CLINICIAN, CHECKER, "Cyrus Checker" },
  { TONIC_ROLE_NURSE, NURSE, "Nils Nurse" },
  { TONIC_ROLE_FRONT_DESK, DESK, "Fran Desk" },
};

/* The patient's depression asks for a suicide screen every session. */
static TonicPatient *
add_patient (Fixture         *fixture,
             const char      *legal_name,
             TonicIndication  indications)
{
  g_autoptr(GError) error = NULL;
  TonicPatientFields fields;
  TonicPatient *patient;

  patients_test_fields (&fields, legal_name, "1979-02-14");
  fields.indications = indications;
  patient = patients_test_create_patient (fixture->store, &fields, &error);
  g_assert_no_error (error);
  g_assert_nonnull (patient);

  return patient;
}

/* Weighed @days ago. */
static void
add_weight (Fixture *fixture,
            gint64   patient_id,
            double   kilograms,
            int      days)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *measured_at = sessions_test_time (-days * 24 * 60);

  g_assert_true (patients_test_add_weight (fixture->store, patient_id, kilograms, measured_at,
                                           &error));
  g_assert_no_error (error);
}

/* An infusion booked for now and checked in, with driver and fasting
 * confirmed at the desk. */
static TonicAppointment *
book_and_check_in (Fixture *fixture,
                   gint64   patient_id,
                   int      chair)
{
  static const TonicCheckIn check_in = { TRUE, TRUE, TRUE };
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC);
  g_autoptr(TonicAppointment) booked = NULL;
  g_autoptr(GError) error = NULL;
  TonicAppointmentFields f = { 0 };
  TonicAppointment *arrived;

  f.patient_id = patient_id;
  f.type = TONIC_APPOINTMENT_TYPE_IV_INFUSION;
  f.chair = chair;
  f.start = start;
  f.minutes = 120;
  booked = patients_test_save_appointment (fixture->store, &f, &error);
  g_assert_no_error (error);

  arrived = patients_test_move_appointment (fixture->store, tonic_appointment_get_id (booked),
                                            TONIC_APPOINTMENT_STATE_ARRIVED, &check_in, &error);
  g_assert_no_error (error);
  g_assert_nonnull (arrived);

  return arrived;
}

/* A practice with two clinicians, a nurse and a front desk member; a
 * patient with treatment-resistant depression weighed yesterday at 80 kg,
 * a signed IV depression plan (0.5 mg/kg over 40 min in 100 mL, at most
 * 120 mg) and an appointment checked in now. The clinician is signed in. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TonicStaff) admin = NULL;
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(TonicPlan) plan = NULL;
  g_autoptr(TonicAppointment) appointment = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = store_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "practice.db", NULL);
  fixture->key = store_test_key (41);
  fixture->store = store_test_open_signed_in (fixture->path, fixture->key);

  admin = tonic_store_dup_actor (fixture->store);
  fixture->admin_id = tonic_staff_get_id (admin);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(TonicStaff) member = NULL;
      gint64 *id = NULL;

      member = store_test_add_staff (fixture->store, members[i].username, members[i].name,
                                     members[i].role, store_test_hash (STORE_TEST_PASSWORD),
                                     &error);
      g_assert_no_error (error);

      if (g_str_equal (members[i].username, CLINICIAN))
        id = &fixture->clinician_id;
      else if (g_str_equal (members[i].username, CHECKER))
        id = &fixture->checker_id;
      else if (g_str_equal (members[i].username, NURSE))
        id = &fixture->nurse_id;
      else
        id = &fixture->desk_id;
      *id = tonic_staff_get_id (member);
    }

  patients_test_sign_in_as (fixture->store, CLINICIAN);
  patient = add_patient (fixture, "Henrike Søndergaard",
                         TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION);
  fixture->patient_id = tonic_patient_get_id (patient);
  add_weight (fixture, fixture->patient_id, 80.0, 1);

  plan = sessions_test_new_plan (fixture->patient_id, TONIC_PROTOCOL_IV_DEPRESSION,
                                 TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION);
  fixture->plan = sessions_test_add_signed_plan (fixture->store, plan);
  g_assert_cmpfloat (fixture->plan->max_dose_mg, ==, 120.0);

  appointment = book_and_check_in (fixture, fixture->patient_id, 1);
  fixture->appointment_id = tonic_appointment_get_id (appointment);
  fixture->arrived_at = tonic_time_format_utc (tonic_appointment_get_arrived_at (appointment));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->store != NULL)
    tonic_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->key, tonic_key_unref);
  store_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->arrived_at, g_free);
  g_clear_pointer (&fixture->plan, tonic_plan_free);
}

/* -- Helpers ------------------------------------------------------------------ */

static TonicSession *
start (Fixture *fixture,
       gint64   appointment_id)
{
  g_autoptr(GError) error = NULL;
  TonicSession *session;

  session = sessions_test_start_session (fixture->store, fixture->patient_id, appointment_id,
                                         &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_cmpint (session->status, ==, TONIC_SESSION_STATUS_DRAFT);

  return session;
}

static TonicSession *
sign (Fixture *fixture,
      gint64   session_id)
{
  g_autoptr(GError) error = NULL;
  TonicSession *session;

  session = sessions_test_sign_session (fixture->store, session_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_cmpint (session->status, ==, TONIC_SESSION_STATUS_SIGNED);

  return session;
}

/* Signing is refused with a message that says @reason. */
static void
assert_sign_refused (Fixture    *fixture,
                     gint64      session_id,
                     const char *reason)
{
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = sessions_test_sign_session (fixture->store, session_id, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_null (session);
  g_test_message ("sign refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, reason));
}

static TonicSession *
save (Fixture            *fixture,
      const TonicSession *session)
{
  g_autoptr(GError) error = NULL;
  TonicSession *saved;

  saved = sessions_test_save_session (fixture->store, session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);

  return saved;
}

static TonicSessionVitals *
add_vitals_at (Fixture          *fixture,
               gint64            session_id,
               const char       *taken_at,
               TonicVitalsPhase  phase,
               int               systolic,
               int               diastolic)
{
  const TonicVitalsReading reading = { systolic, diastolic, 76, 97, 14 };
  g_autoptr(GError) error = NULL;
  TonicSessionVitals *vitals;

  vitals = sessions_test_add_vitals (fixture->store, session_id, taken_at, phase, &reading,
                                     &error);
  g_assert_no_error (error);
  g_assert_nonnull (vitals);
  g_assert_cmpint (vitals->session_id, ==, session_id);

  return vitals;
}

static TonicSessionScore *
score (Fixture          *fixture,
       gint64            session_id,
       TonicInstrument   instrument,
       TonicScoreTiming  timing,
       const int        *answers,
       guint             n_answers)
{
  g_autoptr(GError) error = NULL;
  TonicSessionScore *saved;

  saved = sessions_test_save_score (fixture->store, session_id, instrument, timing, answers,
                                    n_answers, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpint (saved->instrument, ==, instrument);
  g_assert_cmpint (saved->timing, ==, timing);
  g_assert_cmpuint (saved->n_answers, ==, n_answers);

  return saved;
}

/* The first column of the first row of the query @format makes. */
static char *query (Fixture    *fixture,
                    const char *format,
                    ...) G_GNUC_PRINTF (2, 3);

static char *
query (Fixture    *fixture,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;
  char *value;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  value = store_test_query (fixture->store, sql, &error);
  g_assert_no_error (error);

  return value;
}

static void
assert_patient_flags (Fixture    *fixture,
                      const char *expected)
{
  g_autofree char *flags = query (fixture,
                                  "SELECT course_phase || '|' || safety_alert FROM patient"
                                  " WHERE id = %" G_GINT64_FORMAT,
                                  fixture->patient_id);

  g_assert_cmpstr (flags, ==, expected);
}

static void
assert_status (Fixture    *fixture,
               gint64      session_id,
               const char *expected)
{
  g_autofree char *status = query (fixture, "SELECT status FROM session WHERE id = %"
                                   G_GINT64_FORMAT, session_id);

  g_assert_cmpstr (status, ==, expected);
}

static guint
count_rows (Fixture    *fixture,
            const char *table,
            gint64      session_id)
{
  g_autofree char *value = query (fixture,
                                  "SELECT count(*) FROM %s WHERE session_id = %" G_GINT64_FORMAT,
                                  table, session_id);

  return (guint) g_ascii_strtoull (value, NULL, 10);
}

/* @base plus @seconds, as UTC ISO-8601. */
static char *
shift_time (const char *base,
            int         seconds)
{
  g_autoptr(GDateTime) time = tonic_time_parse_utc (base);
  g_autoptr(GDateTime) shifted = g_date_time_add_seconds (time, seconds);

  return tonic_time_format_utc (shifted);
}

/* -- Tests ------------------------------------------------------------------ */

static void
test_whole_session (Fixture       *fixture,
                    gconstpointer  user_data)
{
  /* PHQ-9 before dosing, CADSS after it. */
  const int phq9[] = { 2, 2, 1, 2, 1, 1, 1, 1, 0 };
  int cadss[23];
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(TonicSession) documented = NULL;
  g_autoptr(TonicSession) saved = NULL;
  g_autoptr(TonicSession) signed_session = NULL;
  g_autoptr(TonicSession) opened = NULL;
  g_autoptr(TonicSessionScore) phq9_score = NULL;
  g_autoptr(TonicSessionScore) cadss_score = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  const char *actions[] = {
    "session.start", "session.edit", "vitals.record", "score.record", "session.sign",
    "session.open",
  };
  guint denied_before;

  for (guint i = 0; i < G_N_ELEMENTS (cadss); i++)
    cadss[i] = i % 3 == 0 ? 1 : 0;

  /* The nurse starts it from the checked-in appointment: filled from the
   * plan, the current weight and the check-in. */
  patients_test_sign_in_as (fixture->store, NURSE);
  session = start (fixture, fixture->appointment_id);
  g_assert_cmpint (session->patient_id, ==, fixture->patient_id);
  g_assert_cmpint (session->plan_id, ==, fixture->plan->id);
  g_assert_cmpint (session->course_id, ==, fixture->plan->course_id);
  g_assert_cmpint (session->appointment_id, ==, fixture->appointment_id);
  g_assert_cmpint (session->number, ==, 1);
  g_assert_cmpint (session->route, ==, TONIC_ROUTE_IV);
  g_assert_cmpint (session->dose_mode, ==, TONIC_DOSE_MODE_PER_KG);
  g_assert_cmpfloat (session->dose, ==, 0.5);
  g_assert_cmpfloat (session->bag_ml, ==, 100.0);
  g_assert_cmpint (session->infusion_minutes, ==, 40);
  g_assert_cmpfloat (session->weight_kg, ==, 80.0);
  g_assert_nonnull (session->weight_measured_at);
  g_assert_cmpfloat_with_epsilon (session->calculated_mg, 40.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (session->concentration_mg_per_ml, 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (session->volume_ml, 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (session->rate_ml_per_hour, 150.0, 1e-9);
  g_assert_cmpstr (session->checked_in_at, ==, fixture->arrived_at);
  g_assert_true (session->driver);
  g_assert_true (session->fasting);
  g_assert_false (session->consent_current);
  g_assert_cmpfloat (session->previous_mg, ==, 0);
  g_assert_cmpuint (session->vitals->len, ==, 0);
  g_assert_cmpint (session->created_by, ==, fixture->nurse_id);

  documented = sessions_test_document (fixture->store, session->id, 0);
  g_assert_cmpfloat_with_epsilon (documented->given_mg, 40.0, 1e-9);

  /* A second person checks the dose; side effects; scales. */
  documented->checked_by = fixture->checker_id;
  documented->side_effects = TONIC_SIDE_EFFECT_NAUSEA | TONIC_SIDE_EFFECT_DISSOCIATION;
  g_free (documented->note);
  documented->note = g_strdup ("  Tolerated well; mild nausea settled with rest.  ");
  saved = save (fixture, documented);
  g_assert_cmpint (saved->checked_by, ==, fixture->checker_id);
  g_assert_cmpstr (saved->checked_by_name, ==, "Cyrus Checker");
  g_assert_cmpstr (saved->note, ==, "Tolerated well; mild nausea settled with rest.");
  g_assert_cmpint (saved->side_effects, ==,
                   TONIC_SIDE_EFFECT_NAUSEA | TONIC_SIDE_EFFECT_DISSOCIATION);

  phq9_score = score (fixture, session->id, TONIC_INSTRUMENT_PHQ9, TONIC_SCORE_TIMING_PRE, phq9,
                      G_N_ELEMENTS (phq9));
  g_assert_cmpfloat (phq9_score->score.total, ==, 11);
  g_assert_cmpint (phq9_score->score.safety, ==, TONIC_SAFETY_NONE);
  g_assert_cmpint (phq9_score->recorded_by, ==, fixture->nurse_id);
  cadss_score = score (fixture, session->id, TONIC_INSTRUMENT_CADSS, TONIC_SCORE_TIMING_POST,
                       cadss, G_N_ELEMENTS (cadss));
  g_assert_cmpfloat (cadss_score->score.total, ==, 8);

  /* The nurse cannot sign: refused and audited. */
  denied_before = store_test_count_audit (fixture->store, "session.sign", "denied",
                                          fixture->nurse_id);
  signed_session = sessions_test_sign_session (fixture->store, session->id, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_assert_null (signed_session);
  g_clear_error (&error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "session.sign", "denied",
                                            fixture->nurse_id), ==, denied_before + 1);
  assert_status (fixture, session->id, "draft");

  /* The clinician signs. */
  patients_test_sign_in_as (fixture->store, CLINICIAN);
  signed_session = sign (fixture, session->id);
  g_assert_cmpint (signed_session->signed_by, ==, fixture->clinician_id);
  g_assert_cmpstr (signed_session->signed_by_name, ==, "Cleo Clinician");
  g_assert_nonnull (signed_session->signed_at);

  /* Read whole: vitals by time, scores in the order recorded. */
  opened = sessions_test_open_session (fixture->store, session->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (opened->status, ==, TONIC_SESSION_STATUS_SIGNED);
  g_assert_cmpuint (opened->vitals->len, ==, 3);
  {
    const int minutes[] = { -5, 15, 50 };
    const TonicVitalsPhase phases[] = {
      TONIC_VITALS_PHASE_PRE, TONIC_VITALS_PHASE_DURING, TONIC_VITALS_PHASE_RECOVERY,
    };

    for (guint i = 0; i < opened->vitals->len; i++)
      {
        TonicSessionVitals *vitals = g_ptr_array_index (opened->vitals, i);

        g_assert_cmpint (vitals->minute, ==, minutes[i]);
        g_assert_cmpint (vitals->phase, ==, phases[i]);
        g_assert_cmpint (vitals->recorded_by, ==, fixture->nurse_id);
        g_assert_cmpint (vitals->reading.systolic, ==, 124);
      }
  }
  g_assert_cmpuint (opened->scores->len, ==, 3);
  g_assert_cmpint (((TonicSessionScore *) g_ptr_array_index (opened->scores, 0))->instrument, ==,
                   TONIC_INSTRUMENT_CSSRS);
  g_assert_cmpint (((TonicSessionScore *) g_ptr_array_index (opened->scores, 1))->instrument, ==,
                   TONIC_INSTRUMENT_PHQ9);
  g_assert_cmpfloat (((TonicSessionScore *) g_ptr_array_index (opened->scores, 1))->score.total,
                     ==, 11);
  g_assert_cmpint (((TonicSessionScore *) g_ptr_array_index (opened->scores, 2))->instrument, ==,
                   TONIC_INSTRUMENT_CADSS);
  g_assert_cmpuint (opened->amendments->len, ==, 0);
  g_assert_cmpstr (opened->driver_name, ==, "Ngozi Okonkwo-Brandt");
  g_assert_cmpstr (opened->lot_number, ==, "KX-2291-B");

  sessions = sessions_test_list_sessions (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 1);
  g_assert_cmpuint (((TonicSession *) g_ptr_array_index (sessions, 0))->vitals->len, ==, 3);
  g_assert_cmpuint (((TonicSession *) g_ptr_array_index (sessions, 0))->scores->len, ==, 3);

  assert_patient_flags (fixture, "induction|0");

  /* Each step is in the trail, with the patient and the session. */
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_cmpuint (store_test_count_audit (fixture->store, actions[i], "ok", 0), >=, 1);
  {
    g_autofree char *sql = NULL;

    /* The session named by its uuid, which no later session gets. */
    sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE outcome = 'ok'"
                           " AND action_name IN ('session.start', 'session.edit',"
                           "  'vitals.record', 'score.record', 'session.sign', 'session.open')"
                           " AND (patient_id IS NOT %" G_GINT64_FORMAT
                           "      OR object_type IS NOT 'session'"
                           "      OR object_id IS NOT (SELECT uuid FROM session"
                           "                           WHERE id = %" G_GINT64_FORMAT "))",
                           fixture->patient_id, session->id);
    store_test_assert_query (fixture->store, sql, "0");
  }
}

static void
test_front_desk_denied (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *users[] = { DESK, STORE_TEST_ADMIN_USER };
  g_autoptr(TonicSession) draft = start (fixture, fixture->appointment_id);

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(GPtrArray) sessions = NULL;
      g_autoptr(TonicSession) opened = NULL;
      g_autoptr(TonicSession) started = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *denied_before = NULL;
      g_autofree char *denied_after = NULL;
      const char *count_sql = "SELECT count(*) FROM audit_log WHERE outcome = 'denied'";

      patients_test_sign_in_as (fixture->store, users[i]);
      denied_before = store_test_query (fixture->store, count_sql, &error);
      g_assert_no_error (error);

      sessions = sessions_test_list_sessions (fixture->store, fixture->patient_id, &error);
      g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
      g_assert_null (sessions);
      g_clear_error (&error);

      opened = sessions_test_open_session (fixture->store, draft->id, &error);
      g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
      g_assert_null (opened);
      g_clear_error (&error);

      started = sessions_test_start_session (fixture->store, fixture->patient_id, 0, &error);
      g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
      g_assert_null (started);
      g_clear_error (&error);

      /* Three refusals, each audited. */
      denied_after = store_test_query (fixture->store, count_sql, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_ascii_strtoll (denied_after, NULL, 10) -
                       g_ascii_strtoll (denied_before, NULL, 10), ==, 3);
    }

  store_test_assert_query (fixture->store, "SELECT count(*) FROM session", "1");
  g_assert_cmpuint (store_test_count_audit (fixture->store, "clinical.view", "denied",
                                            fixture->desk_id), ==, 2);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "session.record", "denied",
                                            fixture->desk_id), ==, 1);

  /* Under emergency access the front desk may read sessions, each read
   * flagged in the trail, and still not document one. */
  {
    g_autoptr(GPtrArray) sessions = NULL;
    g_autoptr(TonicSession) opened = NULL;
    g_autoptr(TonicSession) started = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *flagged = g_strdup_printf ("1|%" G_GINT64_FORMAT, fixture->desk_id);

    patients_test_sign_in_as (fixture->store, STORE_TEST_ADMIN_USER);
    g_assert_true (store_test_set_setting (fixture->store, TONIC_SETTING_EMERGENCY_ACCESS, "true",
                                           &error));
    g_assert_no_error (error);
    patients_test_sign_in_as (fixture->store, DESK);
    g_assert_true (store_test_begin_emergency (fixture->store,
                                               "Patient collapsed in chair 1, chart needed",
                                               &error));
    g_assert_no_error (error);

    opened = sessions_test_open_session (fixture->store, draft->id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (opened->id, ==, draft->id);
    store_test_assert_query (fixture->store,
                             "SELECT group_concat (emergency || '|' || staff_id, ' ')"
                             " FROM audit_log WHERE action_name = 'session.open'",
                             flagged);
    sessions = sessions_test_list_sessions (fixture->store, fixture->patient_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sessions->len, ==, 1);
    store_test_assert_query (fixture->store,
                             "SELECT group_concat (emergency || '|' || staff_id, ' ')"
                             " FROM audit_log WHERE action_name = 'clinical.view'"
                             " AND outcome = 'ok'",
                             flagged);

    started = sessions_test_start_session (fixture->store, fixture->patient_id, 0, &error);
    g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
    g_assert_null (started);
  }
}

/* A nurse who has left: her account deactivated by the administrator. */
static TonicStaff *
add_retired_nurse (Fixture *fixture)
{
  g_autoptr(TonicStaff) nurse = NULL;
  g_autoptr(GError) error = NULL;
  TonicStaff *retired;

  patients_test_sign_in_as (fixture->store, STORE_TEST_ADMIN_USER);
  nurse = store_test_add_staff (fixture->store, "old.nurse", "Olga Oldnurse", TONIC_ROLE_NURSE,
                                store_test_hash (STORE_TEST_PASSWORD), &error);
  g_assert_no_error (error);
  retired = store_test_set_staff_active (fixture->store, tonic_staff_get_id (nurse), FALSE,
                                         &error);
  g_assert_no_error (error);

  return retired;
}

/* Whom a nurse or clinician can name as the second person checking a dose:
 * active colleagues who may record a session, without needing the staff
 * list (an administrator's). */
static void
test_colleagues (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const struct
  {
    const char *username;
    const char *expected;   /* display names, "; "-joined; NULL: refused */
  } cases[] = {
    { NURSE,     "Cleo Clinician; Cyrus Checker" },
    { CLINICIAN, "Cyrus Checker; Nils Nurse" },
    { DESK,      NULL },
    { STORE_TEST_ADMIN_USER, NULL },
  };
  g_autoptr(TonicStaff) retired = NULL;
  g_autoptr(GError) error = NULL;

  retired = add_retired_nurse (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) staff = NULL;
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_auto(GStrv) joined = NULL;
      g_autofree char *text = NULL;

      patients_test_sign_in_as (fixture->store, cases[i].username);
      staff = sessions_test_list_colleagues (fixture->store, TONIC_ACTION_SESSION_RECORD, &error);
      if (cases[i].expected == NULL)
        {
          g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
          g_assert_null (staff);
          g_clear_error (&error);
          continue;
        }

      g_assert_no_error (error);
      for (guint j = 0; j < staff->len; j++)
        {
          TonicStaff *member = g_ptr_array_index (staff, j);

          g_assert_null (tonic_staff_get_password_hash (member));
          g_strv_builder_add (names, tonic_staff_get_display_name (member));
        }
      joined = g_strv_builder_end (names);
      text = g_strjoinv ("; ", joined);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  g_assert_cmpuint (store_test_count_audit (fixture->store, "session.record", "denied",
                                            fixture->desk_id), ==, 1);
}

static void
test_start (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(TonicSession) first = NULL;
  g_autoptr(TonicSession) again = NULL;
  g_autoptr(TonicSession) second = NULL;
  g_autoptr(TonicSession) third = NULL;
  g_autoptr(TonicSession) refused = NULL;
  g_autoptr(TonicPatient) other = NULL;
  g_autoptr(TonicAppointment) other_appointment = NULL;
  g_autoptr(TonicPlan) other_plan = NULL;
  g_autoptr(TonicPlan) signed_other_plan = NULL;
  g_autoptr(GError) error = NULL;
  gint64 other_id;

  /* Once per appointment: starting again opens the same draft and writes
   * nothing. */
  patients_test_sign_in_as (fixture->store, NURSE);
  first = start (fixture, fixture->appointment_id);
  again = start (fixture, fixture->appointment_id);
  g_assert_cmpint (again->id, ==, first->id);
  store_test_assert_query (fixture->store, "SELECT count(*) FROM session", "1");
  g_assert_cmpuint (store_test_count_audit (fixture->store, "session.start", "ok", 0), ==, 1);

  /* Without an appointment, each start is a new session, numbered on. */
  second = start (fixture, 0);
  third = start (fixture, 0);
  g_assert_cmpint (second->number, ==, 2);
  g_assert_cmpint (third->number, ==, 3);
  g_assert_cmpint (second->appointment_id, ==, 0);
  g_assert_null (second->checked_in_at);
  g_assert_false (second->driver);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "session.start", "ok", 0), ==, 3);

  /* Another patient, weighed too long ago for the plan, without a plan. */
  patients_test_sign_in_as (fixture->store, CLINICIAN);
  other = add_patient (fixture, "Tomasz Wiśniewski-Oyelaran", TONIC_INDICATION_ANXIETY);
  other_id = tonic_patient_get_id (other);
  add_weight (fixture, other_id, 91.0, 40);
  other_appointment = book_and_check_in (fixture, other_id, 2);

  refused = sessions_test_start_session (fixture->store, other_id, 0, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no signed treatment plan"));
  g_assert_null (refused);
  g_clear_error (&error);

  /* An appointment is only its own patient's. */
  refused = sessions_test_start_session (fixture->store, fixture->patient_id,
                                         tonic_appointment_get_id (other_appointment), &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_null (refused);
  g_clear_error (&error);

  refused = sessions_test_start_session (fixture->store, fixture->patient_id, 999999, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  refused = sessions_test_start_session (fixture->store, 999999, 0, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* With a plan: the weight is not current, so not used. */
  other_plan = sessions_test_new_plan (other_id, TONIC_PROTOCOL_IV_DEPRESSION,
                                       TONIC_INDICATION_ANXIETY);
  signed_other_plan = sessions_test_add_signed_plan (fixture->store, other_plan);
  {
    g_autoptr(TonicSession) session = NULL;

    session = sessions_test_start_session (fixture->store, other_id, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpint (session->number, ==, 1);
    g_assert_cmpfloat (session->weight_kg, ==, 0);
    g_assert_null (session->weight_measured_at);
    g_assert_cmpfloat (session->calculated_mg, ==, 0);
  }

  /* An ended course takes no more sessions. */
  g_assert_true (sessions_test_end_course (fixture->store, signed_other_plan->course_id,
                                           "Moved away", &error));
  g_assert_no_error (error);
  refused = sessions_test_start_session (fixture->store, other_id, 0, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ended"));
  g_clear_error (&error);

  store_test_assert_query (fixture->store, "SELECT count(*) FROM session", "4");
}

static void
test_save (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(TonicSession) saved = NULL;
  g_autoptr(TonicSession) again = NULL;
  g_autoptr(TonicSession) refused = NULL;
  g_autoptr(TonicStaff) retired = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *weights_sql = NULL;

  /* A nurse who has left cannot check a dose. */
  retired = add_retired_nurse (fixture);

  patients_test_sign_in_as (fixture->store, NURSE);
  session = start (fixture, fixture->appointment_id);

  /* The second check is someone else's, and someone active. */
  session->checked_by = fixture->nurse_id;
  refused = sessions_test_save_session (fixture->store, session, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_null (refused);
  g_clear_error (&error);

  session->checked_by = tonic_staff_get_id (retired);
  refused = sessions_test_save_session (fixture->store, session, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Times out of order are refused before anything is written. */
  session->checked_by = 0;
  session->started_at = sessions_test_time (-30);
  session->ended_at = sessions_test_time (-40);
  refused = sessions_test_save_session (fixture->store, session, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_pointer (&session->started_at, g_free);
  g_clear_pointer (&session->ended_at, g_free);
  session->started_at = g_strdup ("yesterday at noon");
  refused = sessions_test_save_session (fixture->store, session, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&session->started_at, g_free);

  {
    g_autofree char *stored = query (fixture,
                                     "SELECT started_at || '|' || ended_at || '|'"
                                     " || IFNULL (checked_by, 0) FROM session WHERE id = %"
                                     G_GINT64_FORMAT,
                                     session->id);

    g_assert_cmpstr (stored, ==, "||0");
  }
  g_assert_cmpuint (store_test_count_audit (fixture->store, "session.edit", "ok", 0), ==, 0);

  /* A new weight is measured, and the store works the dose out again:
   * what the caller put in the calculated fields is not kept. */
  weights_sql = g_strdup_printf ("SELECT count(*) || '|' || MAX(kilograms) FROM weight"
                                 " WHERE patient_id = %" G_GINT64_FORMAT,
                                 fixture->patient_id);
  store_test_assert_query (fixture->store, weights_sql, "1|80.0");
  session->weight_kg = 82.4;
  g_clear_pointer (&session->weight_measured_at, g_free);
  session->calculated_mg = 999;
  session->volume_ml = 1;
  session->rate_ml_per_hour = 1;
  session->checked_by = fixture->checker_id;
  saved = save (fixture, session);
  g_assert_cmpfloat_with_epsilon (saved->weight_kg, 82.4, 1e-9);
  g_assert_nonnull (saved->weight_measured_at);
  g_assert_cmpfloat_with_epsilon (saved->calculated_mg, 41.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (saved->volume_ml, 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (saved->rate_ml_per_hour, 150.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (saved->concentration_mg_per_ml, 0.41, 1e-9);
  store_test_assert_query (fixture->store, weights_sql, "2|82.4");
  g_assert_cmpuint (store_test_count_audit (fixture->store, "weight.add", "ok",
                                            fixture->nurse_id), ==, 1);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "session.edit", "ok",
                                            fixture->nurse_id), ==, 1);

  /* The same weight again is no new measurement; the checker, once
   * recorded, may save the session too. */
  patients_test_sign_in_as (fixture->store, CHECKER);
  again = save (fixture, saved);
  g_assert_cmpint (again->checked_by, ==, fixture->checker_id);
  store_test_assert_query (fixture->store, weights_sql, "2|82.4");

  /* What the session belongs to is not the caller's to change. */
  saved->patient_id = 424242;
  saved->plan_id = 424242;
  saved->status = TONIC_SESSION_STATUS_SIGNED;
  g_clear_pointer (&again, tonic_session_free);
  again = save (fixture, saved);
  g_assert_cmpint (again->patient_id, ==, fixture->patient_id);
  g_assert_cmpint (again->plan_id, ==, fixture->plan->id);
  g_assert_cmpint (again->status, ==, TONIC_SESSION_STATUS_DRAFT);

  saved->id = 999999;
  refused = sessions_test_save_session (fixture->store, saved, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_vitals (Fixture       *fixture,
             gconstpointer  user_data)
{
  const TonicVitalsReading impossible = { 400, 80, 70, 98, 14 };
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(TonicSession) saved = NULL;
  g_autoptr(TonicSession) later = NULL;
  g_autoptr(TonicSessionVitals) pre = NULL;
  g_autoptr(TonicSessionVitals) alarm = NULL;
  g_autoptr(TonicSessionVitals) normal = NULL;
  g_autoptr(TonicSessionVitals) refused = NULL;
  g_autoptr(TonicSessionVitals) acknowledged = NULL;
  g_autoptr(TonicSessionVitals) early = NULL;
  g_autoptr(TonicSessionVitals) late = NULL;
  g_autoptr(TonicSessionVitals) lower = NULL;
  g_autoptr(TonicPlan) revision = NULL;
  g_autoptr(TonicPlan) revised = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before_start = NULL;
  g_autofree char *in_future = sessions_test_time (10);
  g_autofree char *taken = NULL;

  patients_test_sign_in_as (fixture->store, NURSE);
  session = start (fixture, fixture->appointment_id);

  /* Before a start is recorded, minutes count from now (half a minute
   * into the tenth minute before it: whole seconds pass meanwhile). */
  taken = sessions_test_time (-10);
  before_start = shift_time (taken, 30);
  g_clear_pointer (&taken, g_free);
  pre = add_vitals_at (fixture, session->id, before_start, TONIC_VITALS_PHASE_PRE, 150, 95);
  g_assert_cmpint (pre->minute, ==, -10);
  g_assert_cmpint (pre->level, ==, TONIC_VITALS_LEVEL_WARNING);
  g_assert_nonnull (pre->alert_text);
  g_assert_cmpint (pre->action, ==, TONIC_VITALS_ACTION_NONE);
  g_assert_cmpint (pre->recorded_by, ==, fixture->nurse_id);
  g_assert_cmpstr (pre->taken_at, ==, before_start);

  /* Then from the start, rounded down. */
  session->started_at = sessions_test_time (-30);
  saved = save (fixture, session);
  taken = shift_time (saved->started_at, -30);
  early = add_vitals_at (fixture, session->id, taken, TONIC_VITALS_PHASE_PRE, 130, 80);
  g_assert_cmpint (early->minute, ==, -1);
  g_clear_pointer (&taken, g_free);
  taken = shift_time (saved->started_at, 59);
  late = add_vitals_at (fixture, session->id, taken, TONIC_VITALS_PHASE_DURING, 130, 80);
  g_assert_cmpint (late->minute, ==, 0);

  /* The plan's thresholds (the defaults here): an alarm at 180, none at
   * 155; and nothing at all when every value is in range. */
  alarm = add_vitals_at (fixture, session->id, NULL, TONIC_VITALS_PHASE_DURING, 185, 100);
  g_assert_cmpint (alarm->level, ==, TONIC_VITALS_LEVEL_ALARM);
  g_assert_cmpint (alarm->minute, ==, 30);
  g_assert_nonnull (alarm->alert_text);
  normal = add_vitals_at (fixture, session->id, NULL, TONIC_VITALS_PHASE_DURING, 155, 90);
  g_assert_cmpint (normal->level, ==, TONIC_VITALS_LEVEL_NORMAL);
  g_assert_null (normal->alert_text);

  /* Impossible values and future times are refused, nothing written. */
  refused = sessions_test_add_vitals (fixture->store, session->id, NULL,
                                      TONIC_VITALS_PHASE_DURING, &impossible, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_null (refused);
  g_clear_error (&error);
  {
    const TonicVitalsReading fine = { 120, 80, 70, 98, 14 };

    refused = sessions_test_add_vitals (fixture->store, session->id, in_future,
                                        TONIC_VITALS_PHASE_DURING, &fine, &error);
    g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_cmpuint (count_rows (fixture, "session_vitals", session->id), ==, 5);

  /* Acknowledging needs an action, an alert, and happens once. */
  refused = sessions_test_acknowledge_vitals (fixture->store, alarm->id,
                                              TONIC_VITALS_ACTION_NONE, NULL, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  refused = sessions_test_acknowledge_vitals (fixture->store, normal->id,
                                              TONIC_VITALS_ACTION_CONTINUE, NULL, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  refused = sessions_test_acknowledge_vitals (fixture->store, 999999,
                                              TONIC_VITALS_ACTION_CONTINUE, NULL, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  acknowledged = sessions_test_acknowledge_vitals (fixture->store, alarm->id,
                                                   TONIC_VITALS_ACTION_PAUSE,
                                                   "  Paused the pump, rechecked in 5 min  ",
                                                   &error);
  g_assert_no_error (error);
  g_assert_cmpint (acknowledged->action, ==, TONIC_VITALS_ACTION_PAUSE);
  g_assert_cmpstr (acknowledged->action_note, ==, "Paused the pump, rechecked in 5 min");
  g_assert_cmpint (acknowledged->acknowledged_by, ==, fixture->nurse_id);
  g_assert_cmpstr (acknowledged->acknowledged_by_name, ==, "Nils Nurse");
  g_assert_nonnull (acknowledged->acknowledged_at);
  refused = sessions_test_acknowledge_vitals (fixture->store, alarm->id,
                                              TONIC_VITALS_ACTION_STOP, NULL, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  store_test_assert_query (fixture->store,
                           "SELECT detail FROM audit_log WHERE action_name = 'vitals.acknowledge'",
                           "pause");
  g_assert_cmpuint (store_test_count_audit (fixture->store, "vitals.record", "ok",
                                            fixture->nurse_id), ==, 5);

  /* A revised plan with a lower warning: sessions started on it judge by
   * it. */
  patients_test_sign_in_as (fixture->store, CLINICIAN);
  revision = tonic_plan_copy (fixture->plan);
  revision->id = 0;
  revision->thresholds.warn_systolic_at = 150;
  revision->thresholds.warn_diastolic_at = 95;
  g_free (revision->change_note);
  revision->change_note = g_strdup ("Lower warning for blood pressure");
  revised = sessions_test_add_signed_plan (fixture->store, revision);
  g_assert_cmpint (revised->course_id, ==, fixture->plan->course_id);

  patients_test_sign_in_as (fixture->store, NURSE);
  later = start (fixture, 0);
  g_assert_cmpint (later->plan_id, ==, revised->id);
  lower = add_vitals_at (fixture, later->id, NULL, TONIC_VITALS_PHASE_DURING, 155, 90);
  g_assert_cmpint (lower->level, ==, TONIC_VITALS_LEVEL_WARNING);
}

static void
test_scores (Fixture       *fixture,
             gconstpointer  user_data)
{
  const int mild[] = { 1, 1, 1, 1, 1, 1, 1, 1, 0 };
  const int severe[] = { 3, 3, 3, 3, 3, 3, 3, 3, 0 };
  const int missing[] = { 1, 1, 1, TONIC_ANSWER_MISSING, 1, 1, 1, 1, 0 };
  const int out_of_range[] = { 1, 1, 4, 1, 1, 1, 1, 1, 0 };
  const int bpi[] = { 6, 3, 4, 5 };
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(TonicSessionScore) first = NULL;
  g_autoptr(TonicSessionScore) replaced = NULL;
  g_autoptr(TonicSessionScore) post = NULL;
  g_autoptr(TonicSessionScore) refused = NULL;
  g_autoptr(TonicSessionScore) mean = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *score_sql = NULL;

  patients_test_sign_in_as (fixture->store, NURSE);
  session = start (fixture, fixture->appointment_id);

  first = score (fixture, session->id, TONIC_INSTRUMENT_PHQ9, TONIC_SCORE_TIMING_PRE, mild,
                 G_N_ELEMENTS (mild));
  g_assert_cmpfloat (first->score.total, ==, 8);
  g_assert_cmpint (first->score.instrument, ==, TONIC_INSTRUMENT_PHQ9);
  g_assert_cmpint (first->answers[3], ==, 1);
  g_assert_nonnull (first->scored_at);

  /* Incomplete or impossible answers: refused with the reason, nothing
   * written (the earlier score stays). */
  refused = sessions_test_save_score (fixture->store, session->id, TONIC_INSTRUMENT_PHQ9,
                                      TONIC_SCORE_TIMING_PRE, missing, G_N_ELEMENTS (missing),
                                      &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "4"));
  g_assert_null (refused);
  g_clear_error (&error);
  refused = sessions_test_save_score (fixture->store, session->id, TONIC_INSTRUMENT_PHQ9,
                                      TONIC_SCORE_TIMING_PRE, out_of_range,
                                      G_N_ELEMENTS (out_of_range), &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);
  refused = sessions_test_save_score (fixture->store, session->id, TONIC_INSTRUMENT_PHQ9,
                                      TONIC_SCORE_TIMING_PRE, mild, 8, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  refused = sessions_test_save_score (fixture->store, 999999, TONIC_INSTRUMENT_PHQ9,
                                      TONIC_SCORE_TIMING_PRE, mild, G_N_ELEMENTS (mild), &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  score_sql = g_strdup_printf ("SELECT group_concat (instrument || ':' || timing || ':' || total"
                               "                     || ':' || answers, ' ')"
                               " FROM (SELECT * FROM session_score WHERE session_id = %"
                               G_GINT64_FORMAT " ORDER BY id)",
                               session->id);
  store_test_assert_query (fixture->store, score_sql, "phq-9:pre:8.0:1,1,1,1,1,1,1,1,0");
  g_assert_cmpuint (store_test_count_audit (fixture->store, "score.record", "ok", 0), ==, 1);

  /* The same instrument at the same time replaces it; after the dose is
   * another score. */
  replaced = score (fixture, session->id, TONIC_INSTRUMENT_PHQ9, TONIC_SCORE_TIMING_PRE, severe,
                    G_N_ELEMENTS (severe));
  g_assert_cmpfloat (replaced->score.total, ==, 24);
  post = score (fixture, session->id, TONIC_INSTRUMENT_PHQ9, TONIC_SCORE_TIMING_POST, mild,
                G_N_ELEMENTS (mild));
  store_test_assert_query (fixture->store, score_sql,
                           "phq-9:pre:24.0:3,3,3,3,3,3,3,3,0 phq-9:post:8.0:1,1,1,1,1,1,1,1,0");

  /* A mean, to the tenth. */
  mean = score (fixture, session->id, TONIC_INSTRUMENT_BPI_SEVERITY, TONIC_SCORE_TIMING_PRE, bpi,
                G_N_ELEMENTS (bpi));
  g_assert_cmpfloat_with_epsilon (mean->score.total, 4.5, 1e-9);

  /* The trail names the instrument, never the answers. */
  store_test_assert_query (fixture->store,
                           "SELECT group_concat (detail, '|') FROM audit_log"
                           " WHERE action_name = 'score.record'",
                           "phq-9, pre|phq-9, pre|phq-9, post|bpi-severity, pre");
}

static void
test_safety (Fixture       *fixture,
             gconstpointer  user_data)
{
  const int item9[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  const int plain[] = { 1, 1, 1, 1, 1, 1, 1, 1, 0 };
  /* C-SSRS: active ideation with some intent (item 4). */
  const int intent[] = { 1, 1, 0, 1, 0, 0, 0 };
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(TonicSessionScore) flagged = NULL;
  g_autoptr(TonicSessionScore) cssrs = NULL;
  g_autoptr(TonicSessionScore) unflagged = NULL;
  g_autoptr(TonicSessionScore) refused = NULL;
  g_autoptr(TonicSessionScore) acknowledged = NULL;
  g_autoptr(GError) error = NULL;

  patients_test_sign_in_as (fixture->store, NURSE);
  session = start (fixture, fixture->appointment_id);
  assert_patient_flags (fixture, "induction|0");

  /* PHQ-9 item 9 answered: the patient carries the alert. */
  flagged = score (fixture, session->id, TONIC_INSTRUMENT_PHQ9, TONIC_SCORE_TIMING_PRE, item9,
                   G_N_ELEMENTS (item9));
  g_assert_cmpint (flagged->score.safety, ==, TONIC_SAFETY_PHQ9_ITEM9);
  g_assert_cmpint (flagged->acknowledged_by, ==, 0);
  assert_patient_flags (fixture, "induction|1");
  store_test_assert_query (fixture->store,
                           "SELECT detail FROM audit_log WHERE action_name = 'score.record'",
                           "phq-9, pre, safety-flag");

  cssrs = score (fixture, session->id, TONIC_INSTRUMENT_CSSRS, TONIC_SCORE_TIMING_PRE, intent,
                 G_N_ELEMENTS (intent));
  g_assert_cmpint (cssrs->score.safety, ==, TONIC_SAFETY_CSSRS_HIGH);

  /* Only a clinician acknowledges it; a draft with it is not discarded. */
  refused = sessions_test_acknowledge_safety (fixture->store, flagged->id,
                                              "Seen, safety plan reviewed", &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_assert_null (refused);
  g_clear_error (&error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "safety.acknowledge", "denied",
                                            fixture->nurse_id), ==, 1);
  g_assert_false (sessions_test_discard_session (fixture->store, session->id, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  patients_test_sign_in_as (fixture->store, CLINICIAN);
  refused = sessions_test_acknowledge_safety (fixture->store, flagged->id, "   ", &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  refused = sessions_test_acknowledge_safety (fixture->store, 999999, "Seen", &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_patient_flags (fixture, "induction|1");

  acknowledged = sessions_test_acknowledge_safety (fixture->store, flagged->id,
                                                   "Seen with the patient; safety plan reviewed,"
                                                   " crisis line given",
                                                   &error);
  g_assert_no_error (error);
  g_assert_cmpint (acknowledged->acknowledged_by, ==, fixture->clinician_id);
  g_assert_cmpstr (acknowledged->acknowledged_by_name, ==, "Cleo Clinician");
  g_assert_nonnull (acknowledged->acknowledged_at);
  g_assert_nonnull (strstr (acknowledged->acknowledgement, "crisis line"));

  /* The C-SSRS flag still waits. */
  assert_patient_flags (fixture, "induction|1");
  g_clear_pointer (&acknowledged, tonic_session_score_free);
  acknowledged = sessions_test_acknowledge_safety (fixture->store, cssrs->id,
                                                   "Urgent review arranged today", &error);
  g_assert_no_error (error);
  assert_patient_flags (fixture, "induction|0");

  /* Once only, and only for a flag. */
  refused = sessions_test_acknowledge_safety (fixture->store, flagged->id, "Again", &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  unflagged = score (fixture, session->id, TONIC_INSTRUMENT_PHQ9, TONIC_SCORE_TIMING_POST, plain,
                     G_N_ELEMENTS (plain));
  refused = sessions_test_acknowledge_safety (fixture->store, unflagged->id, "Nothing", &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpuint (store_test_count_audit (fixture->store, "safety.acknowledge", "ok",
                                            fixture->clinician_id), ==, 2);

  /* Saving the score again needs a new look. */
  g_clear_pointer (&flagged, tonic_session_score_free);
  flagged = score (fixture, session->id, TONIC_INSTRUMENT_PHQ9, TONIC_SCORE_TIMING_PRE, item9,
                   G_N_ELEMENTS (item9));
  g_assert_cmpint (flagged->acknowledged_by, ==, 0);
  assert_patient_flags (fixture, "induction|1");
}

static void
test_sign_refused (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const int item9[] = { 0, 0, 0, 0, 0, 0, 0, 0, 2 };
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(TonicSession) documented = NULL;
  g_autoptr(TonicSession) saved = NULL;
  g_autoptr(TonicSession) signed_first = NULL;
  g_autoptr(TonicSession) second = NULL;
  g_autoptr(TonicSession) second_documented = NULL;
  g_autoptr(TonicSession) second_signed = NULL;
  g_autoptr(TonicSession) third = NULL;
  g_autoptr(TonicSession) third_documented = NULL;
  g_autoptr(TonicSession) third_signed = NULL;
  g_autoptr(TonicSessionVitals) alarm = NULL;
  g_autoptr(TonicSessionVitals) acknowledged = NULL;
  g_autoptr(TonicSessionScore) flagged = NULL;
  g_autoptr(TonicSessionScore) acknowledged_score = NULL;
  g_autoptr(GError) error = NULL;

  patients_test_sign_in_as (fixture->store, NURSE);
  session = start (fixture, fixture->appointment_id);

  /* Nothing documented yet. */
  patients_test_sign_in_as (fixture->store, CLINICIAN);
  assert_sign_refused (fixture, session->id, "consent");

  documented = sessions_test_document (fixture->store, session->id, 0);

  /* An alarm not acknowledged. */
  alarm = add_vitals_at (fixture, session->id, NULL, TONIC_VITALS_PHASE_RECOVERY, 186, 112);
  g_assert_cmpint (alarm->level, ==, TONIC_VITALS_LEVEL_ALARM);
  assert_sign_refused (fixture, session->id, "alarm");
  acknowledged = sessions_test_acknowledge_vitals (fixture->store, alarm->id,
                                                   TONIC_VITALS_ACTION_CONTINUE,
                                                   "Settled to 150/90 at recheck", &error);
  g_assert_no_error (error);

  /* A safety flag not acknowledged. */
  flagged = score (fixture, session->id, TONIC_INSTRUMENT_PHQ9, TONIC_SCORE_TIMING_PRE, item9,
                   G_N_ELEMENTS (item9));
  assert_sign_refused (fixture, session->id, "safety");
  acknowledged_score = sessions_test_acknowledge_safety (fixture->store, flagged->id,
                                                         "Passive thoughts only; plan reviewed",
                                                         &error);
  g_assert_no_error (error);

  /* More than the plan's maximum of 120 mg given. */
  documented->given_mg = 130;
  saved = save (fixture, documented);
  assert_sign_refused (fixture, session->id, "maximum");
  saved->given_mg = 40;
  g_clear_pointer (&documented, tonic_session_free);
  documented = save (fixture, saved);

  /* Nothing was signed by the refusals. */
  g_assert_cmpuint (store_test_count_audit (fixture->store, "session.sign", "ok", 0), ==, 0);
  assert_status (fixture, session->id, "draft");

  signed_first = sign (fixture, session->id);
  g_assert_cmpfloat (signed_first->given_mg, ==, 40);

  /* The next session: 60 mg is 50 % more than last time's 40 mg, which
   * needs a reason. */
  patients_test_sign_in_as (fixture->store, NURSE);
  second = start (fixture, 0);
  g_assert_cmpint (second->number, ==, 2);
  g_assert_cmpfloat (second->previous_mg, ==, 40);
  second_documented = sessions_test_document (fixture->store, second->id, 60);
  g_assert_cmpfloat (second_documented->previous_mg, ==, 40);

  patients_test_sign_in_as (fixture->store, CLINICIAN);
  assert_sign_refused (fixture, second->id, "20 %");

  g_free (second_documented->change_reason);
  second_documented->change_reason = g_strdup ("Partial response at 0.5 mg/kg: titrating up");
  g_clear_pointer (&saved, tonic_session_free);
  saved = save (fixture, second_documented);
  second_signed = sign (fixture, second->id);
  g_assert_cmpfloat (second_signed->previous_mg, ==, 40);
  g_assert_cmpstr (second_signed->change_reason, ==,
                   "Partial response at 0.5 mg/kg: titrating up");

  /* Signing twice is refused. */
  assert_sign_refused (fixture, second->id, "signed");

  /* With the practice's limit at 60 %, a 50 % change needs no reason: read
   * with every session, applied when it is signed. */
  patients_test_sign_in_as (fixture->store, STORE_TEST_ADMIN_USER);
  g_assert_true (store_test_set_setting (fixture->store, TONIC_SETTING_DOSE_CHANGE_PERCENT, "60",
                                         &error));
  g_assert_no_error (error);
  patients_test_sign_in_as (fixture->store, NURSE);
  third = start (fixture, 0);
  g_assert_cmpfloat (third->change_limit_percent, ==, 60);
  third_documented = sessions_test_document (fixture->store, third->id, 90);
  g_assert_null (third_documented->change_reason);
  patients_test_sign_in_as (fixture->store, CLINICIAN);
  third_signed = sign (fixture, third->id);
  g_assert_cmpfloat (third_signed->given_mg, ==, 90);
}

static void
test_signed_is_final (Fixture       *fixture,
                      gconstpointer  user_data)
{
  const TonicVitalsReading reading = { 120, 80, 70, 98, 14 };
  const int phq9[] = { 1, 1, 1, 1, 1, 1, 1, 1, 0 };
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(TonicSession) documented = NULL;
  g_autoptr(TonicSession) signed_session = NULL;
  g_autoptr(TonicSession) refused = NULL;
  g_autoptr(TonicSession) draft = NULL;
  g_autoptr(TonicSession) reopened = NULL;
  g_autoptr(TonicSessionVitals) no_vitals = NULL;
  g_autoptr(TonicSessionScore) no_score = NULL;
  g_autoptr(TonicAmendment) first = NULL;
  g_autoptr(TonicAmendment) second = NULL;
  g_autoptr(TonicAmendment) no_amendment = NULL;
  g_autoptr(TonicStaff) actor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *snapshot_sql =
    "SELECT (SELECT group_concat (given_mg || status || note, '|') FROM session)"
    " || (SELECT group_concat (systolic || action, '|') FROM session_vitals)"
    " || (SELECT group_concat (total || answers, '|') FROM session_score)"
    " || (SELECT group_concat (text, '|') FROM session_amendment)";
  TonicSessionVitals *vitals;
  TonicSessionScore *scored;
  sqlite3 *db;

  patients_test_sign_in_as (fixture->store, NURSE);
  session = start (fixture, fixture->appointment_id);
  documented = sessions_test_document (fixture->store, session->id, 0);
  draft = start (fixture, 0);

  /* An amendment is for a signed session only. */
  patients_test_sign_in_as (fixture->store, CLINICIAN);
  no_amendment = sessions_test_add_amendment (fixture->store, session->id, "Too early", &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_null (no_amendment);
  g_clear_error (&error);

  signed_session = sign (fixture, session->id);
  vitals = g_ptr_array_index (signed_session->vitals, 0);
  scored = g_ptr_array_index (signed_session->scores, 0);

  /* Through the store: refused. */
  patients_test_sign_in_as (fixture->store, NURSE);
  refused = sessions_test_save_session (fixture->store, signed_session, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_null (refused);
  g_clear_error (&error);
  no_vitals = sessions_test_add_vitals (fixture->store, session->id, NULL,
                                        TONIC_VITALS_PHASE_RECOVERY, &reading, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_null (no_vitals);
  g_clear_error (&error);
  no_score = sessions_test_save_score (fixture->store, session->id, TONIC_INSTRUMENT_PHQ9,
                                       TONIC_SCORE_TIMING_POST, phq9, G_N_ELEMENTS (phq9),
                                       &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_null (no_score);
  g_clear_error (&error);
  g_assert_false (sessions_test_discard_session (fixture->store, session->id, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Amendments: a clinician's, not a nurse's; written, never blank. */
  no_amendment = sessions_test_add_amendment (fixture->store, session->id, "Nurse note",
                                              &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  patients_test_sign_in_as (fixture->store, CLINICIAN);
  no_amendment = sessions_test_add_amendment (fixture->store, session->id, " \n ", &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  first = sessions_test_add_amendment (fixture->store, session->id,
                                       "Lot number was KX-2291-C, not -B.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->session_id, ==, session->id);
  g_assert_cmpint (first->created_by, ==, fixture->clinician_id);
  g_assert_cmpstr (first->created_by_name, ==, "Cleo Clinician");
  g_assert_nonnull (first->created_at);
  second = sessions_test_add_amendment (fixture->store, session->id,
                                        "Driver was the patient's brother.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->id, >, first->id);

  reopened = sessions_test_open_session (fixture->store, session->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reopened->amendments->len, ==, 2);
  g_assert_cmpstr (((TonicAmendment *) g_ptr_array_index (reopened->amendments, 0))->text, ==,
                   "Lot number was KX-2291-C, not -B.");
  g_assert_cmpstr (((TonicAmendment *) g_ptr_array_index (reopened->amendments, 1))->text, ==,
                   "Driver was the patient's brother.");
  /* The original stays as it was signed. */
  g_assert_cmpstr (reopened->lot_number, ==, "KX-2291-B");
  g_assert_cmpuint (store_test_count_audit (fixture->store, "session.amend", "ok",
                                            fixture->clinician_id), ==, 2);

  /* Through the store's own connection with plain SQL: refused. */
  sql = g_strdup_printf ("UPDATE session SET given_mg = 1 WHERE id = %" G_GINT64_FORMAT,
                         session->id);
  store_test_assert_query_error (fixture->store, sql, TONIC_STORE_ERROR,
                                 TONIC_STORE_ERROR_INVALID);
  before = store_test_query (fixture->store, snapshot_sql, &error);
  g_assert_no_error (error);

  /* And on any other connection. */
  actor = tonic_store_dup_actor (fixture->store);
  tonic_store_close (fixture->store);
  g_clear_object (&fixture->store);
  db = store_test_raw_open (fixture->path, fixture->key);

#define RAW(format, id, message) \
  G_STMT_START { \
    g_autofree char *raw_sql = g_strdup_printf (format, (gint64) (id)); \
    store_test_raw_refused (db, raw_sql, message); \
  } G_STMT_END

  RAW ("UPDATE session SET given_mg = 120 WHERE id = %" G_GINT64_FORMAT, session->id,
       TRIGGER_MESSAGE);
  RAW ("UPDATE session SET status = 'draft' WHERE id = %" G_GINT64_FORMAT, session->id,
       TRIGGER_MESSAGE);
  RAW ("DELETE FROM session WHERE id = %" G_GINT64_FORMAT, session->id,
       "a signed session cannot be deleted");
  RAW ("UPDATE session_vitals SET systolic = 200 WHERE id = %" G_GINT64_FORMAT, vitals->id,
       TRIGGER_MESSAGE);
  RAW ("UPDATE session_vitals SET session_id = %" G_GINT64_FORMAT, session->id,
       TRIGGER_MESSAGE);
  RAW ("DELETE FROM session_vitals WHERE id = %" G_GINT64_FORMAT, vitals->id, TRIGGER_MESSAGE);
  RAW ("INSERT INTO session_vitals (session_id, taken_at, minute, phase, level)"
       " VALUES (%" G_GINT64_FORMAT ", '2026-01-01T00:00:00Z', 0, 'during', 'normal')",
       session->id, TRIGGER_MESSAGE);
  RAW ("UPDATE session_score SET total = 0, answers = '0,0,0,0,0,0,0' WHERE id = %"
       G_GINT64_FORMAT, scored->id, TRIGGER_MESSAGE);
  RAW ("DELETE FROM session_score WHERE id = %" G_GINT64_FORMAT, scored->id, TRIGGER_MESSAGE);
  RAW ("INSERT INTO session_score (session_id, patient_id, course_id, instrument, timing,"
       " answers, total, scored_at)"
       " SELECT id, patient_id, course_id, 'gad-7', 'pre', '0,0,0,0,0,0,0', 0,"
       " '2026-01-01T00:00:00Z' FROM session WHERE id = %" G_GINT64_FORMAT,
       session->id, TRIGGER_MESSAGE);
  RAW ("UPDATE session_amendment SET text = 'rewritten' WHERE id = %" G_GINT64_FORMAT,
       first->id, "amendments cannot be changed");
  RAW ("DELETE FROM session_amendment WHERE id = %" G_GINT64_FORMAT, first->id,
       "amendments cannot be deleted");
  RAW ("INSERT INTO session_amendment (session_id, text, created_at, created_by)"
       " VALUES (%" G_GINT64_FORMAT ", 'on a draft', '2026-01-01T00:00:00Z', 1)",
       draft->id, "only a signed session is amended");

#undef RAW

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  fixture->store = store_test_open (fixture->path, fixture->key, TONIC_STORE_OPEN_KEY_VERIFIED,
                                    &error);
  g_assert_no_error (error);
  g_clear_object (&actor);
  actor = store_test_sign_in (fixture->store, CLINICIAN, STORE_TEST_PASSWORD, &error);
  g_assert_no_error (error);

  after = store_test_query (fixture->store, snapshot_sql, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, before);
}

static void
test_discard (Fixture       *fixture,
              gconstpointer  user_data)
{
  const int phq9[] = { 1, 1, 1, 1, 1, 1, 1, 1, 0 };
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(TonicSession) gone = NULL;
  g_autoptr(TonicSession) next = NULL;
  g_autoptr(TonicSessionVitals) vitals = NULL;
  g_autoptr(TonicSessionScore) scored = NULL;
  g_autoptr(GError) error = NULL;

  g_autofree char *uuid_sql = NULL;
  g_autofree char *discarded_uuid = NULL;
  g_autofree char *next_uuid = NULL;
  const char *discard_sql = "SELECT object_id FROM audit_log"
                            " WHERE action_name = 'session.discard'";

  patients_test_sign_in_as (fixture->store, NURSE);
  session = start (fixture, fixture->appointment_id);
  uuid_sql = g_strdup_printf ("SELECT uuid FROM session WHERE id = %" G_GINT64_FORMAT,
                              session->id);
  discarded_uuid = store_test_query (fixture->store, uuid_sql, &error);
  g_assert_no_error (error);
  vitals = add_vitals_at (fixture, session->id, NULL, TONIC_VITALS_PHASE_PRE, 128, 82);
  scored = score (fixture, session->id, TONIC_INSTRUMENT_PHQ9, TONIC_SCORE_TIMING_PRE, phq9,
                  G_N_ELEMENTS (phq9));

  g_assert_true (sessions_test_discard_session (fixture->store, session->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (fixture, "session_vitals", session->id), ==, 0);
  g_assert_cmpuint (count_rows (fixture, "session_score", session->id), ==, 0);
  store_test_assert_query (fixture->store, "SELECT count(*) FROM session", "0");
  g_assert_cmpuint (store_test_count_audit (fixture->store, "session.discard", "ok",
                                            fixture->nurse_id), ==, 1);
  store_test_assert_query (fixture->store, discard_sql, discarded_uuid);

  gone = sessions_test_open_session (fixture->store, session->id, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_clear_error (&error);
  g_assert_false (sessions_test_discard_session (fixture->store, session->id, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The appointment can be documented again from the start. */
  next = start (fixture, fixture->appointment_id);
  g_assert_cmpint (next->number, ==, 1);
  g_assert_cmpuint (next->vitals->len, ==, 0);

  /* It may be given the discarded one's row id, never its name in the
   * trail: the discard still names the session that went. */
  g_free (uuid_sql);
  uuid_sql = g_strdup_printf ("SELECT uuid FROM session WHERE id = %" G_GINT64_FORMAT, next->id);
  next_uuid = store_test_query (fixture->store, uuid_sql, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next_uuid, !=, discarded_uuid);
  store_test_assert_query (fixture->store, discard_sql, discarded_uuid);
}

static void
test_course_phase (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(TonicPlan) plan = NULL;
  g_autoptr(TonicPlan) signed_plan = NULL;
  g_autoptr(TonicPatient) patient = NULL;
  gint64 saved_patient = fixture->patient_id;

  /* A short induction of two infusions, for a patient of its own. */
  patient = add_patient (fixture, "Ayşe Kälin-Moreau",
                         TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER);
  fixture->patient_id = tonic_patient_get_id (patient);
  add_weight (fixture, fixture->patient_id, 64.5, 3);
  plan = sessions_test_new_plan (fixture->patient_id, TONIC_PROTOCOL_IV_DEPRESSION,
                                 TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER);
  plan->induction_count = 2;
  plan->induction_weeks = 1;
  signed_plan = sessions_test_add_signed_plan (fixture->store, plan);
  assert_patient_flags (fixture, "induction|0");

  for (guint i = 0; i < 3; i++)
    {
      const char *expected[] = { "induction|0", "maintenance|0", "maintenance|0" };
      g_autoptr(TonicSession) session = NULL;
      g_autoptr(TonicSession) documented = NULL;
      g_autoptr(TonicSession) signed_session = NULL;

      patients_test_sign_in_as (fixture->store, NURSE);
      session = start (fixture, 0);
      g_assert_cmpint (session->number, ==, (int) i + 1);
      g_assert_cmpint (session->plan_id, ==, signed_plan->id);
      g_assert_cmpfloat_with_epsilon (session->calculated_mg, 32.3, 1e-9);
      documented = sessions_test_document (fixture->store, session->id, 0);
      /* A draft does not count. */
      assert_patient_flags (fixture, i < 2 ? "induction|0" : "maintenance|0");

      patients_test_sign_in_as (fixture->store, CLINICIAN);
      signed_session = sign (fixture, session->id);
      g_assert_cmpfloat_with_epsilon (signed_session->previous_mg, i == 0 ? 0 : 32.3, 1e-9);
      assert_patient_flags (fixture, expected[i]);
    }

  fixture->patient_id = saved_patient;
  assert_patient_flags (fixture, "induction|0");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sessions/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("whole-session", test_whole_session);
  ADD ("front-desk-denied", test_front_desk_denied);
  ADD ("colleagues", test_colleagues);
  ADD ("start", test_start);
  ADD ("save", test_save);
  ADD ("vitals", test_vitals);
  ADD ("scores", test_scores);
  ADD ("safety", test_safety);
  ADD ("sign-refused", test_sign_refused);
  ADD ("signed-is-final", test_signed_is_final);
  ADD ("discard", test_discard);
  ADD ("course-phase", test_course_phase);

#undef ADD

  return g_test_run ();
}
