/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sample"

#include "config.h"

#include <string.h>

#include "store-test-helpers.h"
#include "tonic-key-slots.h"
#include "tonic-practice-dir.h"
#include "tonic-sample-lib.h"
#include "tonic-time.h"

/* The sample practice generator: the same seed makes the same practice,
 * the practice is plausible (valid records, many scripts, a living board,
 * courses of treatment whose plans and sessions pass the checks a
 * clinician's would, with responders, partial and non-responders and one
 * safety flag), and the practice on disk opens the way a real one does,
 * its courses stored as the generator made them. */

/* Wednesday 4 March 2026, 11:00 local time. */
static GDateTime *
wednesday_at (int hour)
{
  return g_date_time_new_local (2026, 3, 4, hour, 0, 0);
}

static void
init_options (TonicSampleOptions *options,
              guint               n_patients,
              guint32             seed,
              GDateTime          *now)
{
  tonic_sample_options_init (options);
  options->n_patients = n_patients;
  options->seed = seed;
  options->now = now;
  options->use_keyring = FALSE;
}

static void
append_time (GString    *out,
             GDateTime  *time)
{
  if (time == NULL)
    {
      g_string_append (out, "-|");
      return;
    }

  g_string_append_printf (out, "%" G_GINT64_FORMAT "|", g_date_time_to_unix (time));
}

static void
append_text (GString    *out,
             const char *text)
{
  g_string_append_printf (out, "%s|", text != NULL ? text : "");
}

/* The courses as text: plans, sessions with their vitals, scores and
 * amendments, and the appointments they document. */
static void
dump_courses (GString   *out,
              GPtrArray *courses)
{
  for (guint c = 0; c < courses->len; c++)
    {
      TonicSampleCourse *course = g_ptr_array_index (courses, c);

      g_string_append_printf (out, "#%u|%d|%d|%u|", course->patient, course->showcase,
                              course->trajectory, course->revised_after);
      append_text (out, course->end_reason);
      for (guint p = 0; p < course->plans->len; p++)
        {
          TonicPlan *plan = g_ptr_array_index (course->plans, p);
          g_autofree char *screening = tonic_plan_format_screening (plan->screening);
          g_autofree char *dose = tonic_plan_format_dose (plan);

          g_string_append_printf (out, "plan %d|%u|%d|%s|%s|%d|%d|", plan->protocol,
                                  plan->measures, plan->indications, dose, screening,
                                  plan->vitals_schedule.during_every, plan->induction_count);
          append_text (out, plan->consent_date);
          append_text (out, plan->goals);
          append_text (out, plan->change_note);
        }
      g_string_append_c (out, '\n');

      for (guint i = 0; i < course->sessions->len; i++)
        {
          TonicSession *session = g_ptr_array_index (course->sessions, i);
          TonicAppointment *appointment = g_ptr_array_index (course->appointments, i);

          g_string_append_printf (out, " %d|%.1f|%.2f|%.1f|%.1f|%.2f|%.1f|%.1f|%d|%d|%u|%d|",
                                  session->status, session->weight_kg, session->dose,
                                  session->calculated_mg, session->given_mg,
                                  session->concentration_mg_per_ml, session->volume_ml,
                                  session->rate_ml_per_hour, session->side_effects,
                                  session->comedications, session->observation_minutes,
                                  session->aldrete[0] + session->aldrete[1] + session->aldrete[2] +
                                  session->aldrete[3] + session->aldrete[4]);
          append_text (out, session->checked_in_at);
          append_text (out, session->started_at);
          append_text (out, session->ended_at);
          append_text (out, session->ready_at);
          append_text (out, session->lot_number);
          append_text (out, session->change_reason);
          append_text (out, session->driver_name);
          append_text (out, session->note);
          append_time (out, appointment != NULL ? tonic_appointment_get_start (appointment) : NULL);
          for (guint v = 0; v < session->vitals->len; v++)
            {
              TonicSessionVitals *vitals = g_ptr_array_index (session->vitals, v);

              g_string_append_printf (out, "v%s %d %d %d/%d %d %d %d %d %d ", vitals->taken_at,
                                      vitals->minute, vitals->phase, vitals->reading.systolic,
                                      vitals->reading.diastolic, vitals->reading.heart_rate,
                                      vitals->reading.spo2, vitals->reading.respiratory_rate,
                                      vitals->level, vitals->action);
              append_text (out, vitals->action_note);
            }
          for (guint k = 0; k < session->scores->len; k++)
            {
              TonicSessionScore *score = g_ptr_array_index (session->scores, k);
              g_autofree char *answers = tonic_instrument_format_answers (score->answers,
                                                                          score->n_answers);

              g_string_append_printf (out, "s%d %d %s %g ", score->instrument, score->timing,
                                      answers, score->score.total);
              append_text (out, score->acknowledgement);
            }
          for (guint a = 0; a < session->amendments->len; a++)
            append_text (out, ((TonicAmendment *) g_ptr_array_index (session->amendments, a))->text);
          g_string_append_c (out, '\n');
        }
    }
}

/* Everything the generator made, as text, appointments by global patient
 * index; batches of @batch_size. */
static char *
dump (const TonicSampleOptions *options,
      guint                     batch_size,
      gboolean                  names_only)
{
  g_autoptr(TonicSampleGenerator) generator = tonic_sample_generator_new (options);
  GString *out = g_string_new (NULL);
  g_autoptr(GString) visits = g_string_new (NULL);

  tonic_sample_generator_set_staff (generator, 2, 3);

  while (TRUE)
    {
      guint first = tonic_sample_generator_get_n_done (generator);
      g_autoptr(GPtrArray) appointments = NULL;
      g_autoptr(GPtrArray) patients = tonic_sample_generator_next_batch (generator, batch_size,
                                                                        &appointments);

      if (patients->len == 0)
        break;

      for (guint i = 0; i < patients->len; i++)
        {
          TonicPatientFields f;
          g_autofree char *indications = NULL;

          tonic_patient_get_fields (g_ptr_array_index (patients, i), &f);
          g_string_append_printf (out, "%s|%s|%s|", f.legal_name, f.preferred_name,
                                  f.date_of_birth);
          if (names_only)
            {
              g_string_append_c (out, '\n');
              continue;
            }

          indications = tonic_indication_format_mask (f.indications);
          g_string_append_printf (out, "%d|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%d\n",
                                  f.sex, f.pronouns, f.gender, f.phone_mobile, f.phone_other,
                                  f.email, f.address_line1, f.address_line2, f.city, f.region,
                                  f.postcode, f.emergency_name, f.emergency_relationship,
                                  f.emergency_phone, f.referrer_name, f.referrer_practice,
                                  f.referrer_phone, f.referrer_email, indications, f.allergies,
                                  f.note, f.archived);
        }

      for (guint i = 0; !names_only && i < appointments->len; i++)
        {
          TonicAppointmentFields a;

          tonic_appointment_get_fields (g_ptr_array_index (appointments, i), &a);
          g_string_append_printf (visits, "@%" G_GINT64_FORMAT "|%s|%d|%d|%" G_GINT64_FORMAT "|%d|%d|%s|%d%d%d|",
                                  first + a.patient_id - 1, a.patient_name, a.type, a.chair,
                                  a.staff_id, a.minutes, a.state, a.note, a.identity_confirmed,
                                  a.driver_confirmed, a.fasting_confirmed);
          append_time (visits, a.start);
          append_time (visits, a.state_changed_at);
          append_time (visits, a.arrived_at);
          append_time (visits, a.in_chair_at);
          append_time (visits, a.recovery_at);
          append_time (visits, a.discharged_at);
          g_string_append_c (visits, '\n');
        }
    }

  g_string_append (out, visits->str);
  if (!names_only)
    dump_courses (out, tonic_sample_generator_get_courses (generator));
  return g_string_free (out, FALSE);
}

static void
test_deterministic (void)
{
  g_autoptr(GDateTime) now = wednesday_at (11);
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *other_seed = NULL;
  g_autofree char *short_names = NULL;
  g_autofree char *long_names = NULL;
  TonicSampleOptions options;

  init_options (&options, 3000, 42, now);
  one = dump (&options, 3000, FALSE);
  two = dump (&options, 700, FALSE);
  g_assert_cmpstr (one, ==, two);
  g_assert_cmpuint (strlen (one), >, 3000 * 100);

  options.seed = 43;
  other_seed = dump (&options, 3000, FALSE);
  g_assert_cmpstr (one, !=, other_seed);

  /* A larger practice begins with the same people. */
  init_options (&options, 1000, 42, now);
  short_names = dump (&options, 1000, TRUE);
  options.n_patients = 3000;
  long_names = dump (&options, 3000, TRUE);
  g_assert_true (g_str_has_prefix (long_names, short_names));
}

static gboolean
has_char_in (const char *text,
             gunichar    from,
             gunichar    to)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= from && c <= to)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_weekend (GDateTime *time)
{
  return g_date_time_get_day_of_week (time) >= 6;
}

static void
check_content (GDateTime *now)
{
  g_autoptr(TonicSampleGenerator) generator = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GHashTable) legal_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) local_now = g_date_time_to_local (now);
  TonicSampleOptions options;
  GDate today;
  guint arabic = 0, cyrillic = 0, cjk = 0, devanagari = 0, greek = 0, marks = 0;
  guint turkish = 0, polish = 0, irish = 0, preferred = 0, emails = 0, depression = 0;
  guint ptsd = 0, pain = 0, anxiety = 0, allergies = 0, archived = 0;
  guint by_state_today[TONIC_N_APPOINTMENT_STATES] = { 0 };
  guint by_type[TONIC_N_APPOINTMENT_TYPES] = { 0 };
  guint past = 0, past_discharged = 0, future = 0;

  init_options (&options, 2000, 1, now);
  generator = tonic_sample_generator_new (&options);
  tonic_sample_generator_set_staff (generator, 2, 3);
  patients = tonic_sample_generator_next_batch (generator, 5000, &appointments);
  g_assert_cmpuint (patients->len, ==, 2000);
  g_assert_cmpuint (tonic_sample_generator_get_n_done (generator), ==, 2000);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (local_now),
                  (GDateMonth) g_date_time_get_month (local_now),
                  (GDateYear) g_date_time_get_year (local_now));

  for (guint i = 0; i < patients->len; i++)
    {
      TonicPatient *patient = g_ptr_array_index (patients, i);
      const char *legal = tonic_patient_get_legal_name (patient);
      TonicIndication indications = tonic_patient_get_indications (patient);
      g_autofree char *message = NULL;
      TonicPatientFields f;
      TonicPatientField field;
      GDate birth;

      tonic_patient_get_fields (patient, &f);
      if (!tonic_patient_check (&f, &today, &field, &message))
        g_error ("Patient %u (%s): %s: %s", i, legal, tonic_patient_field_to_string (field),
                 message);

      g_hash_table_add (legal_names, (gpointer) legal);
      arabic += has_char_in (legal, 0x0600, 0x06FF);
      cyrillic += has_char_in (legal, 0x0400, 0x04FF);
      cjk += has_char_in (legal, 0x3040, 0x9FFF);
      devanagari += has_char_in (legal, 0x0900, 0x097F);
      greek += has_char_in (legal, 0x0370, 0x03FF);
      marks += has_char_in (legal, 0x1E00, 0x1EFF);   /* Vietnamese, Yoruba */
      turkish += has_char_in (legal, 0x011E, 0x011F) || has_char_in (legal, 0x0130, 0x0131) ||
                 has_char_in (legal, 0x015E, 0x015F);
      polish += strstr (legal, "ł") != NULL || strstr (legal, "ś") != NULL ||
                strstr (legal, "Ł") != NULL || strstr (legal, "Ś") != NULL;
      irish += g_str_has_prefix (strchr (legal, ' ') ? strchr (legal, ' ') + 1 : legal, "O'") ||
               strstr (legal, "O’") != NULL || strstr (legal, " Ó ") != NULL ||
               strstr (legal, " Ní ") != NULL;
      preferred += *tonic_patient_get_preferred_name (patient) != '\0';
      emails += *tonic_patient_get_email (patient) != '\0';
      allergies += *tonic_patient_get_allergies (patient) != '\0';
      archived += tonic_patient_get_archived (patient);
      depression += (indications & (TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION |
                                    TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER |
                                    TONIC_INDICATION_BIPOLAR_DEPRESSION)) != 0;
      ptsd += (indications & TONIC_INDICATION_PTSD) != 0;
      pain += (indications & TONIC_INDICATION_CHRONIC_PAIN) != 0;
      anxiety += (indications & TONIC_INDICATION_ANXIETY) != 0;

      g_assert_true (*tonic_patient_get_phone_mobile (patient) != '\0' ||
                     *tonic_patient_get_phone_other (patient) != '\0');
      g_assert_true (tonic_patient_get_birth_date (patient, &birth));
      g_assert_cmpuint (g_date_get_year (&birth), >=, 1940);
      g_assert_cmpuint (g_date_get_year (&birth), <=, 2005);
    }

  g_test_message ("scripts: Arabic %u, Cyrillic %u, CJK %u, Devanagari %u, Greek %u, "
                  "Vietnamese/Yoruba marks %u, Turkish %u, Polish %u, Irish %u; "
                  "%u distinct legal names, %u preferred, %u e-mails, %u archived",
                  arabic, cyrillic, cjk, devanagari, greek, marks, turkish, polish, irish,
                  g_hash_table_size (legal_names), preferred, emails, archived);
  g_assert_cmpuint (arabic, >, 10);
  g_assert_cmpuint (cyrillic, >, 10);
  g_assert_cmpuint (cjk, >, 10);
  g_assert_cmpuint (devanagari, >, 10);
  g_assert_cmpuint (greek, >, 10);
  g_assert_cmpuint (marks, >, 10);
  g_assert_cmpuint (turkish, >, 10);
  g_assert_cmpuint (polish, >, 10);
  g_assert_cmpuint (irish, >, 10);
  g_assert_cmpuint (g_hash_table_size (legal_names), >, 1800);
  g_assert_cmpuint (preferred, >, 200);
  g_assert_cmpuint (preferred, <, 800);
  g_assert_cmpuint (emails, >, 1500);
  g_assert_cmpuint (allergies, >, 200);
  g_assert_cmpuint (archived, >, 5);
  g_assert_cmpuint (archived, <, 100);
  g_assert_cmpuint (depression, >, 1100);
  g_assert_cmpuint (ptsd, >, 100);
  g_assert_cmpuint (pain, >, 50);
  g_assert_cmpuint (anxiety, >, 100);

  /* Appointments: valid, never two in a chair at once, working days. */
  conflicts = tonic_appointment_find_conflicts (appointments);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpuint (appointments->len, >, 500);

  for (guint i = 0; i < appointments->len; i++)
    {
      TonicAppointment *appointment = g_ptr_array_index (appointments, i);
      g_autofree char *message = NULL;
      g_autoptr(GDateTime) start = g_date_time_to_local (tonic_appointment_get_start (appointment));
      TonicAppointmentFields a;
      TonicPatient *patient;
      GDateTime *stamps[5];
      int day;

      tonic_appointment_get_fields (appointment, &a);
      g_assert_true (tonic_appointment_check (&a, TONIC_SAMPLE_CHAIRS, NULL, &message));
      patient = g_ptr_array_index (patients, a.patient_id - 1);
      g_assert_false (tonic_patient_get_archived (patient));
      {
        g_autofree char *display = tonic_patient_dup_display_name (patient);

        g_assert_cmpstr (a.patient_name, ==, display);
      }
      g_assert_cmpint (a.staff_id, ==, a.type == TONIC_APPOINTMENT_TYPE_CONSULTATION ||
                                       a.type == TONIC_APPOINTMENT_TYPE_FOLLOW_UP ? 2 : 3);
      by_type[a.type]++;

      stamps[0] = a.state_changed_at;
      stamps[1] = a.arrived_at;
      stamps[2] = a.in_chair_at;
      stamps[3] = a.recovery_at;
      stamps[4] = a.discharged_at;
      for (guint s = 0; s < G_N_ELEMENTS (stamps); s++)
        if (stamps[s] != NULL)
          g_assert_cmpint (g_date_time_compare (stamps[s], now), <=, 0);

      day = g_date_time_get_day_of_year (start) - g_date_time_get_day_of_year (local_now) +
            365 * (g_date_time_get_year (start) - g_date_time_get_year (local_now));
      if (day != 0)
        g_assert_false (is_weekend (start));
      g_assert_cmpint (g_date_time_get_hour (start), >=, 8);

      if (day < 0)
        {
          past++;
          past_discharged += a.state == TONIC_APPOINTMENT_STATE_DISCHARGED;
          g_assert_true (tonic_appointment_state_is_final (a.state));
          if (a.state == TONIC_APPOINTMENT_STATE_DISCHARGED)
            g_assert_true (a.arrived_at && a.in_chair_at && a.recovery_at && a.discharged_at &&
                           a.identity_confirmed);
        }
      else if (day > 0)
        {
          future++;
          g_assert_true (a.state == TONIC_APPOINTMENT_STATE_SCHEDULED ||
                         a.state == TONIC_APPOINTMENT_STATE_CANCELLED);
        }
      else
        {
          by_state_today[a.state]++;
        }

      if (a.state == TONIC_APPOINTMENT_STATE_ARRIVED || a.state == TONIC_APPOINTMENT_STATE_IN_CHAIR ||
          a.state == TONIC_APPOINTMENT_STATE_RECOVERY)
        g_assert_true (a.identity_confirmed && a.arrived_at != NULL);
    }

  g_test_message ("%u appointments: %u past (%u discharged), %u future; today scheduled %u, "
                  "arrived %u, in chair %u, recovery %u, discharged %u, no-show %u, "
                  "cancelled %u", appointments->len, past, past_discharged, future,
                  by_state_today[0], by_state_today[1], by_state_today[2], by_state_today[3],
                  by_state_today[4], by_state_today[5], by_state_today[6]);

  g_assert_cmpuint (past_discharged, >, past * 8 / 10);
  g_assert_cmpuint (past_discharged, <, past);
  g_assert_cmpuint (future, >, 200);
  for (guint s = TONIC_APPOINTMENT_STATE_SCHEDULED; s <= TONIC_APPOINTMENT_STATE_DISCHARGED; s++)
    g_assert_cmpuint (by_state_today[s], >, 0);
  g_assert_cmpuint (by_type[TONIC_APPOINTMENT_TYPE_IV_INFUSION], >,
                    by_type[TONIC_APPOINTMENT_TYPE_ESKETAMINE]);
  for (guint t = 0; t < TONIC_N_APPOINTMENT_TYPES; t++)
    g_assert_cmpuint (by_type[t], >, 0);
}

/* Runs @check at a weekday morning, and outside clinic hours and at a
 * weekend, when the board still has its day. */
static void
check_at_three_clocks (void (*check) (GDateTime *now))
{
  g_autoptr(GDateTime) morning = wednesday_at (11);
  g_autoptr(GDateTime) night = wednesday_at (3);
  g_autoptr(GDateTime) sunday = g_date_time_new_local (2026, 3, 8, 14, 30, 0);

  check (morning);
  check (night);
  check (sunday);
}

static void
test_content (void)
{
  check_at_three_clocks (check_content);
}

/* -- Courses of treatment -------------------------------------------------------- */

#define DEPRESSION (TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION | \
                    TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER | \
                    TONIC_INDICATION_BIPOLAR_DEPRESSION)

static int
days_between (const char *from,
              const char *to)
{
  g_autoptr(GDateTime) a = tonic_time_parse_utc (from);
  g_autoptr(GDateTime) b = tonic_time_parse_utc (to);
  g_autoptr(GDateTime) local_a = g_date_time_to_local (a);
  g_autoptr(GDateTime) local_b = g_date_time_to_local (b);
  GDate date_a, date_b;

  g_date_clear (&date_a, 1);
  g_date_clear (&date_b, 1);
  g_date_set_dmy (&date_a, (GDateDay) g_date_time_get_day_of_month (local_a),
                  (GDateMonth) g_date_time_get_month (local_a),
                  (GDateYear) g_date_time_get_year (local_a));
  g_date_set_dmy (&date_b, (GDateDay) g_date_time_get_day_of_month (local_b),
                  (GDateMonth) g_date_time_get_month (local_b),
                  (GDateYear) g_date_time_get_year (local_b));

  return g_date_days_between (&date_a, &date_b);
}

static const TonicSessionScore *
find_score (const TonicSession *session,
            TonicInstrument     instrument)
{
  for (guint i = 0; i < session->scores->len; i++)
    {
      const TonicSessionScore *score = g_ptr_array_index (session->scores, i);

      if (score->instrument == instrument)
        return score;
    }

  return NULL;
}

static void
check_courses (GDateTime *now)
{
  g_autoptr(TonicSampleGenerator) generator = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(GDateTime) local_now = g_date_time_to_local (now);
  g_autofree char *now_text = tonic_time_format_utc (now);
  g_autofree char *today = g_date_time_format (local_now, "%Y-%m-%d");
  GPtrArray *courses;
  TonicSampleOptions options;
  guint showcases[TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN + 1] = { 0 };
  guint protocols[TONIC_N_PROTOCOLS] = { 0 };
  guint outcomes[TONIC_SAMPLE_TRAJECTORY_NONE + 1] = { 0 };
  guint n_sessions = 0, n_drafts = 0, n_amended = 0, n_warnings = 0, n_linked = 0;
  guint n_ended = 0, twice_weekly = 0, induction_gaps = 0;
  guint item9_patients = 0, open_flags = 0, closed_flags = 0, open_warnings = 0;
  const TonicSampleCourse *responder = NULL;

  init_options (&options, 2000, 1, now);
  generator = tonic_sample_generator_new (&options);
  tonic_sample_generator_set_staff (generator, 2, 3);
  patients = tonic_sample_generator_next_batch (generator, 5000, &appointments);
  courses = tonic_sample_generator_get_courses (generator);

  /* 5 % of the practice, and one plan drafted. */
  g_assert_cmpuint (courses->len, ==, 2000 / 20 + 1);

  for (guint c = 0; c < courses->len; c++)
    {
      const TonicSampleCourse *course = g_ptr_array_index (courses, c);
      TonicPatient *patient = g_ptr_array_index (patients, course->patient);
      TonicIndication indications = tonic_patient_get_indications (patient);
      const TonicPlan *plan = g_ptr_array_index (course->plans, 0);
      TonicPlanField field;
      double phq9[64];
      guint n_phq9 = 0;
      double previous_mg = 0;
      gboolean item9 = FALSE;

      g_assert_false (tonic_patient_get_archived (patient));
      g_assert_cmpuint (course->plans->len, >=, 1);
      g_assert_cmpuint (course->plans->len, <=, 2);
      g_assert_cmpint (plan->indications, ==, indications);
      showcases[course->showcase]++;
      g_assert_null (tonic_plan_check (plan, today, &field));

      if (course->showcase == TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN)
        {
          g_autofree char *unsignable = tonic_plan_check_signable (plan, today, &field);

          /* Still being written: not signable yet. */
          g_assert_nonnull (unsignable);
          g_assert_cmpuint (course->sessions->len, ==, 0);
          continue;
        }

      g_assert_null (tonic_plan_check_signable (plan, today, &field));
      protocols[plan->protocol]++;
      n_ended += course->end_reason != NULL;

      /* The plan fits the patient. */
      if (plan->protocol == TONIC_PROTOCOL_IV_PAIN)
        g_assert_true (indications & TONIC_INDICATION_CHRONIC_PAIN);
      else
        g_assert_true (indications & DEPRESSION);
      if (plan->protocol == TONIC_PROTOCOL_ESKETAMINE)
        g_assert_true (indications & TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION);

      for (guint i = 0; i < course->sessions->len; i++)
        {
          const TonicSession *session = g_ptr_array_index (course->sessions, i);
          const TonicPlan *followed = g_ptr_array_index (course->plans,
                                                         i >= course->revised_after ? 1 : 0);
          TonicAppointment *appointment = g_ptr_array_index (course->appointments, i);
          const TonicSessionScore *score = find_score (session, TONIC_INSTRUMENT_PHQ9);
          g_autofree char *draft_message = NULL;
          TonicSessionField session_field;

          n_sessions++;
          g_assert_cmpint (session->route, ==, followed->route);
          draft_message = tonic_session_check_draft (session, now_text, &session_field);
          if (draft_message != NULL)
            g_error ("Course of patient %u, session %u: %s", course->patient, i, draft_message);

          if (session->status == TONIC_SESSION_STATUS_SIGNED)
            {
              g_autofree char *message = NULL;

              message = tonic_session_check_signable (session, followed->max_dose_mg, previous_mg,
                                                      tonic_indication_needs_suicide_screen (indications),
                                                      &session_field);
              if (message != NULL)
                g_error ("Course of patient %u, session %u: %s", course->patient, i, message);
              previous_mg = session->given_mg;
            }
          else
            {
              /* Only today's sessions under way are drafts. */
              n_drafts++;
              g_assert_cmpint (days_between (session->checked_in_at, now_text), ==, 0);
              g_assert_nonnull (appointment);
              g_assert_true (tonic_appointment_get_state (appointment) == TONIC_APPOINTMENT_STATE_IN_CHAIR ||
                             tonic_appointment_get_state (appointment) == TONIC_APPOINTMENT_STATE_RECOVERY);
            }

          if (appointment != NULL)
            {
              n_linked++;
              g_assert_cmpint (tonic_appointment_get_patient_id (appointment), ==,
                               course->patient + 1);
              if (session->status == TONIC_SESSION_STATUS_SIGNED)
                g_assert_cmpint (tonic_appointment_get_state (appointment), ==,
                                 TONIC_APPOINTMENT_STATE_DISCHARGED);
            }
          else
            {
              /* Before the appointments begin. */
              g_assert_cmpint (days_between (session->checked_in_at, now_text), >,
                               (int) options.days_back);
            }

          /* Twice a week in induction, unless a visit was missed. */
          if (i > 0 && i < plan->induction_count && plan->protocol != TONIC_PROTOCOL_IV_PAIN)
            {
              const TonicSession *before = g_ptr_array_index (course->sessions, i - 1);
              int gap = days_between (before->checked_in_at, session->checked_in_at);

              g_assert_cmpint (gap, >=, 1);
              induction_gaps++;
              twice_weekly += gap >= 2 && gap <= 5;
            }

          n_amended += session->amendments->len > 0;
          for (guint v = 0; v < session->vitals->len; v++)
            {
              const TonicSessionVitals *vitals = g_ptr_array_index (session->vitals, v);

              if (vitals->level == TONIC_VITALS_LEVEL_NORMAL)
                continue;
              g_assert_cmpint (vitals->level, ==, TONIC_VITALS_LEVEL_WARNING);
              n_warnings++;
              if (vitals->action == TONIC_VITALS_ACTION_NONE)
                {
                  open_warnings++;
                  g_assert_cmpint (course->showcase, ==, TONIC_SAMPLE_SHOWCASE_IN_CHAIR);
                  g_assert_cmpint (session->status, ==, TONIC_SESSION_STATUS_DRAFT);
                  g_assert_cmpint (vitals->minute, ==, 30);
                }
            }

          for (guint k = 0; k < session->scores->len; k++)
            {
              const TonicSessionScore *any = g_ptr_array_index (session->scores, k);

              /* Nobody at high risk on the C-SSRS. */
              g_assert_cmpint (any->score.safety, !=, TONIC_SAFETY_CSSRS_HIGH);
              if (any->score.safety == TONIC_SAFETY_NONE)
                continue;
              if (any->acknowledgement == NULL)
                {
                  open_flags++;
                  g_assert_cmpint (session->status, ==, TONIC_SESSION_STATUS_DRAFT);
                }
              else
                {
                  closed_flags++;
                }
            }

          if (score != NULL)
            {
              phq9[n_phq9++] = score->score.total;
              item9 |= score->answers[8] > 0;
            }
        }

      item9_patients += item9;
      if (item9)
        g_assert_cmpint (course->showcase, ==, TONIC_SAMPLE_SHOWCASE_SAFETY);

      /* Where PHQ-9 has had six sessions, it went as planned. */
      if (n_phq9 >= 6)
        {
          TonicOutcomeRules rules;
          TonicOutcomeStatus status;

          tonic_instrument_get_default_rules (TONIC_INSTRUMENT_PHQ9, &rules);
          status = tonic_outcome_get_status (&rules, phq9, n_phq9);
          outcomes[course->trajectory]++;
          switch (course->trajectory)
            {
            case TONIC_SAMPLE_TRAJECTORY_REMISSION:
              g_assert_cmpint (status, ==, TONIC_OUTCOME_REMISSION);
              break;
            case TONIC_SAMPLE_TRAJECTORY_RESPONSE:
              g_assert_true (status == TONIC_OUTCOME_RESPONSE ||
                             status == TONIC_OUTCOME_SUSTAINED_RESPONSE ||
                             status == TONIC_OUTCOME_REMISSION);
              if (responder == NULL)
                responder = course;
              break;
            case TONIC_SAMPLE_TRAJECTORY_PARTIAL:
              g_assert_cmpint (status, ==, TONIC_OUTCOME_IMPROVING);
              g_assert_cmpfloat (phq9[n_phq9 - 1], <, phq9[0] * 0.76);
              break;
            case TONIC_SAMPLE_TRAJECTORY_NONE:
            default:
              g_assert_true (status != TONIC_OUTCOME_RESPONSE &&
                             status != TONIC_OUTCOME_SUSTAINED_RESPONSE &&
                             status != TONIC_OUTCOME_REMISSION);
              g_assert_cmpfloat (phq9[n_phq9 - 1], >=, phq9[0] * 0.75);
              break;
            }
        }

      switch (course->showcase)
        {
        case TONIC_SAMPLE_SHOWCASE_IN_CHAIR:
        case TONIC_SAMPLE_SHOWCASE_SAFETY:
        case TONIC_SAMPLE_SHOWCASE_OBSERVED:
          {
            const TonicSession *last = g_ptr_array_index (course->sessions,
                                                          course->sessions->len - 1);

            g_assert_cmpint (last->status, ==, TONIC_SESSION_STATUS_DRAFT);
          }
          break;
        case TONIC_SAMPLE_SHOWCASE_REVISED:
          {
            const TonicPlan *revision = g_ptr_array_index (course->plans, 1);
            const TonicSession *last = g_ptr_array_index (course->sessions,
                                                          course->sessions->len - 1);

            g_assert_cmpuint (course->plans->len, ==, 2);
            g_assert_cmpfloat (revision->dose, >, plan->dose);
            g_assert_nonnull (revision->change_note);
            g_assert_cmpuint (course->revised_after, <, course->sessions->len);
            g_assert_cmpuint (last->amendments->len, ==, 1);
          }
          break;
        case TONIC_SAMPLE_SHOWCASE_NONE:
        case TONIC_SAMPLE_SHOWCASE_ARRIVED:
        case TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN:
        default:
          g_assert_cmpuint (course->plans->len, ==, 1);
          break;
        }
    }

  g_test_message ("%u courses: IV depression %u, IV pain %u, IM %u, esketamine %u, %u ended; "
                  "%u sessions (%u drafts, %u on appointments), %u amended, %u warnings; "
                  "six PHQ-9s or more: remission %u, response %u, partial %u, none %u",
                  courses->len, protocols[TONIC_PROTOCOL_IV_DEPRESSION],
                  protocols[TONIC_PROTOCOL_IV_PAIN], protocols[TONIC_PROTOCOL_IM],
                  protocols[TONIC_PROTOCOL_ESKETAMINE], n_ended, n_sessions, n_drafts, n_linked,
                  n_amended, n_warnings, outcomes[0], outcomes[1], outcomes[2], outcomes[3]);

  for (guint s = TONIC_SAMPLE_SHOWCASE_IN_CHAIR; s <= TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN; s++)
    g_assert_cmpuint (showcases[s], ==, 1);
  g_assert_cmpuint (protocols[TONIC_PROTOCOL_IV_DEPRESSION], >, protocols[TONIC_PROTOCOL_ESKETAMINE]);
  g_assert_cmpuint (protocols[TONIC_PROTOCOL_ESKETAMINE], >, 5);
  g_assert_cmpuint (protocols[TONIC_PROTOCOL_IM], >, 3);
  g_assert_cmpuint (protocols[TONIC_PROTOCOL_IV_PAIN], >, 3);
  g_assert_cmpuint (n_sessions, >, 300);
  g_assert_cmpuint (n_linked, >, n_sessions / 4);
  /* Today: in chair, in recovery, under observation. */
  g_assert_cmpuint (n_drafts, ==, 3);
  g_assert_cmpuint (n_amended, >, 10);
  g_assert_cmpuint (n_warnings, >, 10);
  g_assert_cmpuint (open_warnings, ==, 1);
  g_assert_cmpuint (twice_weekly, >, induction_gaps * 8 / 10);
  for (guint t = 0; t <= TONIC_SAMPLE_TRAJECTORY_NONE; t++)
    g_assert_cmpuint (outcomes[t], >, 2);

  /* One patient's PHQ-9 item 9 above 0: the first flag seen to, today's
   * waiting for a clinician. */
  g_assert_cmpuint (item9_patients, ==, 1);
  g_assert_cmpuint (open_flags, ==, 1);
  g_assert_cmpuint (closed_flags, >=, 1);

  /* A responder: PHQ-9 from a moderately severe baseline to half or less. */
  g_assert_nonnull (responder);
  {
    double first = -1, last = -1;

    for (guint i = 0; i < responder->sessions->len; i++)
      {
        const TonicSessionScore *score = find_score (g_ptr_array_index (responder->sessions, i),
                                                     TONIC_INSTRUMENT_PHQ9);

        if (score == NULL)
          continue;
        if (first < 0)
          first = score->score.total;
        last = score->score.total;
      }
    g_assert_cmpfloat (first, >=, 15);
    g_assert_cmpfloat (last, <=, first / 2);
  }
}

static void
test_courses (void)
{
  check_at_three_clocks (check_courses);
}

static void
on_ready (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static void
on_progress (guint    n_done,
             guint    n_total,
             gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (n_done, <=, n_total);
  (*calls)++;
}

/* The courses in the store, read back as the clinician reads them. */
static void
check_stored_courses (TonicStore               *store,
                      const TonicSampleOptions *options,
                      const TonicSampleSummary *summary)
{
  g_autoptr(TonicSampleGenerator) generator = tonic_sample_generator_new (options);
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicStaff) clinician = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(TonicSession) in_chair = NULL;
  g_autoptr(TonicSession) amended = NULL;
  g_autoptr(TonicPatient) safety_patient = NULL;
  GPtrArray *courses;
  guint n_sessions = 0, n_plans = 0, n_courses = 0;
  gboolean warning_open = FALSE, flag_open = FALSE, flag_closed = FALSE;

  /* The same courses as the generator alone makes. */
  batch = tonic_sample_generator_next_batch (generator, options->n_patients, NULL);
  courses = tonic_sample_generator_get_courses (generator);
  for (guint c = 0; c < courses->len; c++)
    {
      TonicSampleCourse *course = g_ptr_array_index (courses, c);

      n_sessions += course->sessions->len;
      n_plans += course->plans->len;
      n_courses += course->showcase != TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN;
    }
  g_assert_cmpuint (summary->n_courses, ==, n_courses);
  g_assert_cmpuint (summary->n_courses, ==, TONIC_SAMPLE_MIN_COURSES);
  g_assert_cmpuint (summary->n_plans, ==, n_plans);
  g_assert_cmpuint (summary->n_sessions, ==, n_sessions);
  g_assert_cmpint (summary->in_chair_session_id, >, 0);
  g_assert_cmpint (summary->safety_patient_id, >, 0);
  g_assert_cmpint (summary->revised_patient_id, >, 0);
  g_assert_cmpint (summary->draft_plan_patient_id, >, 0);
  g_assert_cmpint (summary->amended_session_id, >, 0);

  clinician = store_test_sign_in (store, "clinician", TONIC_SAMPLE_PASSWORD, &error);
  g_assert_no_error (error);

  /* Version 2 signed, version 1 superseded, the change noted. */
  tonic_store_list_plans_async (store, summary->revised_patient_id, NULL, on_ready, &result);
  plans = tonic_store_list_plans_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (plans->len, ==, 2);
  {
    TonicPlan *newest = g_ptr_array_index (plans, 0);
    TonicPlan *oldest = g_ptr_array_index (plans, 1);

    g_assert_cmpint (newest->version, ==, 2);
    g_assert_cmpint (newest->status, ==, TONIC_PLAN_STATUS_SIGNED);
    g_assert_cmpint (oldest->status, ==, TONIC_PLAN_STATUS_SUPERSEDED);
    g_assert_cmpstr (newest->signed_by_name, ==, "Dr. Amara Okonkwo");
    g_assert_true (newest->changed_fields & (1u << TONIC_PLAN_FIELD_DOSE));
    g_assert_nonnull (newest->change_note);
  }
  g_clear_pointer (&plans, g_ptr_array_unref);

  tonic_store_list_plans_async (store, summary->draft_plan_patient_id, NULL, on_ready, &result);
  plans = tonic_store_list_plans_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (plans->len, ==, 1);
  g_assert_cmpint (((TonicPlan *) g_ptr_array_index (plans, 0))->status, ==,
                   TONIC_PLAN_STATUS_DRAFT);

  /* Today's session in chair: a blood pressure warning waits. */
  tonic_store_open_session_async (store, summary->in_chair_session_id, NULL, on_ready, &result);
  in_chair = tonic_store_open_session_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (in_chair->status, ==, TONIC_SESSION_STATUS_DRAFT);
  g_assert_cmpint (in_chair->appointment_id, >, 0);
  g_assert_cmpint (in_chair->checked_by, >, 0);
  for (guint v = 0; v < in_chair->vitals->len; v++)
    {
      TonicSessionVitals *vitals = g_ptr_array_index (in_chair->vitals, v);

      warning_open |= vitals->level == TONIC_VITALS_LEVEL_WARNING &&
                      vitals->action == TONIC_VITALS_ACTION_NONE && vitals->minute == 30;
    }
  g_assert_true (warning_open);

  /* The safety flag: seen to at the first session, waiting today. */
  tonic_store_list_sessions_async (store, summary->safety_patient_id, NULL, on_ready, &result);
  sessions = tonic_store_list_sessions_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (sessions->len, >=, 2);
  g_assert_cmpint (((TonicSession *) g_ptr_array_index (sessions, 0))->status, ==,
                   TONIC_SESSION_STATUS_DRAFT);
  for (guint i = 0; i < sessions->len; i++)
    {
      TonicSession *session = g_ptr_array_index (sessions, i);

      for (guint k = 0; k < session->scores->len; k++)
        {
          TonicSessionScore *score = g_ptr_array_index (session->scores, k);

          if (score->score.safety == TONIC_SAFETY_NONE)
            continue;
          g_assert_cmpint (score->instrument, ==, TONIC_INSTRUMENT_PHQ9);
          if (score->acknowledged_by == 0)
            flag_open = i == 0;
          else
            flag_closed = TRUE;
        }
    }
  g_assert_true (flag_open);
  g_assert_true (flag_closed);

  tonic_store_open_patient_async (store, summary->safety_patient_id, NULL, on_ready, &result);
  safety_patient = tonic_store_open_patient_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (tonic_patient_get_safety_alert (safety_patient));
  g_assert_cmpint (tonic_patient_get_course_phase (safety_patient), ==,
                   TONIC_COURSE_PHASE_INDUCTION);

  /* The scales follow the sessions' days: on the sample's day some
   * courses are overdue for one, most are not. */
  {
    g_autoptr(GDateTime) local_now = g_date_time_to_local (options->now);
    g_autofree char *today = g_date_time_format (local_now, "%Y-%m-%d");
    TonicPatientQuery query = { 0 };
    guint n_overdue, n_in_course;

    query.today = today;
    query.overdue_scale = TRUE;
    tonic_store_count_patients_async (store, &query, NULL, on_ready, &result);
    n_overdue = tonic_store_count_patients_finish (store, wait_for (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    query.overdue_scale = FALSE;
    query.phases = (1u << TONIC_COURSE_PHASE_INDUCTION) | (1u << TONIC_COURSE_PHASE_MAINTENANCE);
    tonic_store_count_patients_async (store, &query, NULL, on_ready, &result);
    n_in_course = tonic_store_count_patients_finish (store, wait_for (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    g_assert_cmpuint (n_overdue, >, 0);
    g_assert_cmpuint (n_overdue, <, n_in_course / 2);
  }

  /* A signed session with its amendment. */
  tonic_store_open_session_async (store, summary->amended_session_id, NULL, on_ready, &result);
  amended = tonic_store_open_session_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (amended->status, ==, TONIC_SESSION_STATUS_SIGNED);
  g_assert_cmpuint (amended->amendments->len, ==, 1);
  g_assert_cmpstr (amended->signed_by_name, ==, "Dr. Amara Okonkwo");
}

static void
test_practice (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autoptr(GDateTime) now = wednesday_at (11);
  g_autoptr(TonicPracticeDir) practice_dir = NULL;
  g_autoptr(TonicKey) key = NULL;
  g_autoptr(TonicKey) recovered = NULL;
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(TonicStaff) staff = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) today = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head_hash = NULL;
  g_autofree char *setting = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) next_midnight = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  TonicPatientQuery everyone = { .status = TONIC_PATIENT_STATUS_ACTIVE };
  TonicSampleSummary summary = { 0 };
  TonicSampleOptions options;
  const char *recorded_hash = NULL;
  gint64 recorded = 0;
  gint64 head = 0;
  guint progress_calls = 0;
  guint count;

  init_options (&options, 250, 7, now);
  options.progress = on_progress;
  options.progress_data = &progress_calls;
  g_assert_true (tonic_sample_generate_full (dir, &options, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_patients, ==, 250);
  g_assert_cmpuint (progress_calls, ==, 1);
  g_assert_nonnull (summary.practice_dir);
  g_assert_true (g_str_has_prefix (summary.practice_dir, dir));
  g_assert_false (summary.in_keyring);
  g_assert_cmpuint (summary.n_today, >, 0);

  /* Located and unlocked the way Tonic does, with any staff password or
   * the recovery key. */
  tonic_practice_dir_locate_async (dir, NULL, NULL, on_ready, &result);
  practice_dir = tonic_practice_dir_locate_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (practice_dir);
  g_clear_object (&result);
  g_assert_cmpstr (tonic_practice_dir_get_id (practice_dir), ==, summary.practice_id);

  key = tonic_key_slots_unlock_password (tonic_practice_dir_get_slots (practice_dir), "nurse",
                                         TONIC_SAMPLE_PASSWORD, &error);
  g_assert_no_error (error);
  recovered = tonic_key_slots_unlock_recovery (tonic_practice_dir_get_slots (practice_dir),
                                               summary.recovery_key, &error);
  g_assert_no_error (error);
  g_assert_true (tonic_key_equal (key, recovered));

  tonic_practice_dir_open_async (practice_dir, key, NULL, on_ready, &result);
  store = tonic_practice_dir_open_finish (practice_dir, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* The audit head recorded beside it is the database's. */
  g_assert_true (store_test_get_audit_head (store, &head, &head_hash, &error));
  g_assert_no_error (error);
  g_assert_true (tonic_key_slots_get_audit_head (tonic_practice_dir_get_slots (practice_dir),
                                                 &recorded, &recorded_hash));
  g_assert_cmpint (recorded, ==, head);
  g_assert_cmpstr (recorded_hash, ==, head_hash);
  g_assert_true (store_test_check_audit_head (store, recorded, recorded_hash, &error));
  g_assert_no_error (error);

  staff = store_test_sign_in (store, "frontdesk", TONIC_SAMPLE_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tonic_staff_get_role (staff), ==, TONIC_ROLE_FRONT_DESK);

  setting = store_test_get_setting (store, TONIC_SAMPLE_SETTING, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (setting, ==, "true");
  g_clear_pointer (&setting, g_free);
  setting = store_test_get_setting (store, TONIC_SETTING_CHAIRS, &error);
  g_assert_cmpstr (setting, ==, "4");

  tonic_store_count_patients_async (store, &everyone, NULL, on_ready, &result);
  count = tonic_store_count_patients_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (count, ==, 250 - summary.n_archived);

  /* Today's board. */
  midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                    g_date_time_get_day_of_month (now), 0, 0, 0);
  next_midnight = g_date_time_add_days (midnight, 1);
  from = tonic_time_format_utc (midnight);
  until = tonic_time_format_utc (next_midnight);
  tonic_store_list_appointments_async (store, from, until, NULL, on_ready, &result);
  today = tonic_store_list_appointments_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (today->len, ==, summary.n_today);

  check_stored_courses (store, &options, &summary);

  {
    g_autoptr(TonicStaff) admin = store_test_sign_in (store, TONIC_SAMPLE_ADMIN_USERNAME,
                                                      TONIC_SAMPLE_PASSWORD, &error);

    g_assert_no_error (error);
    members = store_test_list_staff (store, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (members->len, ==, 4);
    g_assert_cmpint (store_test_verify_audit (store, &error), ==, 0);
    g_assert_no_error (error);
  }

  tonic_store_close (store);
  tonic_sample_summary_clear (&summary);

  /* Not twice into one folder, nor with no patients. */
  g_assert_false (tonic_sample_generate_full (dir, &options, &summary, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (summary.practice_dir);

  options.n_patients = 0;
  g_assert_false (tonic_sample_generate_full (dir, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  store_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sample/deterministic", test_deterministic);
  g_test_add_func ("/sample/content", test_content);
  g_test_add_func ("/sample/courses", test_courses);
  g_test_add_func ("/sample/practice", test_practice);

  return g_test_run ();
}
