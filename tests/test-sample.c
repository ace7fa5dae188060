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
 * the practice is plausible (valid records, many scripts, a living board),
 * and the practice on disk opens the way a real one does. */

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

static void
test_content (void)
{
  g_autoptr(GDateTime) morning = wednesday_at (11);
  g_autoptr(GDateTime) night = wednesday_at (3);
  g_autoptr(GDateTime) sunday = g_date_time_new_local (2026, 3, 8, 14, 30, 0);

  check_content (morning);
  /* Outside clinic hours and at a weekend, the board still has its day. */
  check_content (night);
  check_content (sunday);
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
  g_test_add_func ("/sample/practice", test_practice);

  return g_test_run ();
}
