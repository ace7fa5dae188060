/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-patients"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "patients-test-helpers.h"
#include "tonic-mrn.h"
#include "tonic-search.h"
#include "tonic-time.h"

/* The patient repository through the store API (tonic-store-patients.h):
 * creating and checking, MRNs, duplicates, archiving, search in many
 * scripts, paging and sorting, what each role sees and may change, the
 * chart-open audit, medications and weights, importing, and the query
 * plans that keep search indexed. */

#define CLINICIAN "cleo.clin"
#define NURSE     "nils.nurse"
#define DESK      "fran.desk"

typedef struct
{
  char       *dir;
  char       *path;
  TonicKey   *key;
  TonicStore *store;
} Fixture;

/* A practice with one member of each role; the clinician is signed in. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const struct
  {
    const char *username;
    TonicRole   role;
  } members[] = {
    { CLINICIAN, TONIC_ROLE_CLINICIAN },
    { NURSE, TONIC_ROLE_NURSE },
    { DESK, TONIC_ROLE_FRONT_DESK },
  };
  g_autoptr(GError) error = NULL;

  fixture->dir = store_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "practice.db", NULL);
  fixture->key = store_test_key (11);
  fixture->store = store_test_open_signed_in (fixture->path, fixture->key);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(TonicStaff) member = NULL;

      member = store_test_add_staff (fixture->store, members[i].username, members[i].username,
                                     members[i].role, store_test_hash (STORE_TEST_PASSWORD),
                                     &error);
      g_assert_no_error (error);
    }

  g_assert_true (store_test_set_setting (fixture->store, TONIC_SETTING_EMERGENCY_ACCESS, "true",
                                         &error));
  g_assert_no_error (error);

  patients_test_sign_in_as (fixture->store, CLINICIAN);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  tonic_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->key, tonic_key_unref);
  store_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

static guint
count_rows (Fixture    *fixture,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = store_test_query (fixture->store, sql, &error);

  g_assert_no_error (error);

  return (guint) g_ascii_strtoull (value, NULL, 10);
}

static guint
count_query (Fixture    *fixture,
             const char *text)
{
  TonicPatientQuery query = { text, TONIC_PATIENT_STATUS_ACTIVE, 0, FALSE, NULL,
                              TONIC_PATIENT_SORT_NAME };
  g_autoptr(GError) error = NULL;
  guint count = patients_test_count_patients (fixture->store, &query, &error);

  g_assert_no_error (error);

  return count;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The legal names @text finds (ACTIVE, by name), sorted and joined by
 * "|"; the count must agree with the list. */
static char *
search (Fixture    *fixture,
        const char *text)
{
  TonicPatientQuery query = { text, TONIC_PATIENT_STATUS_ACTIVE, 0, FALSE, NULL,
                              TONIC_PATIENT_SORT_NAME };
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  patients = patients_test_list_patients (fixture->store, &query, 0, 500, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (patients->len, ==, count_query (fixture, text));

  for (guint i = 0; i < patients->len; i++)
    g_ptr_array_add (names, (gpointer) tonic_patient_get_legal_name (g_ptr_array_index (patients, i)));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("|", (char **) names->pdata);
}

#define assert_search(fixture, text, expected) \
  G_STMT_START { \
    g_autofree char *found_ = search ((fixture), (text)); \
    if (g_strcmp0 (found_, (expected)) != 0) \
      g_error ("search “%s” found “%s”, expected “%s”", (text), found_, (expected)); \
  } G_STMT_END

/* -- Creating ---------------------------------------------------------------- */

static void
test_create (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  TonicPatientFields f;

  patients_test_fields (&f, "  Samantha Okafor ", "1980-04-03");
  f.preferred_name = "Sam";
  f.pronouns = "she/her";
  f.sex = TONIC_SEX_FEMALE;
  f.phone_mobile = "+44 20 7946 0958";
  f.email = "sam@example.org";
  f.address_line1 = "1 Infusion Way";
  f.city = "Zürich";
  f.postcode = "8001";
  f.emergency_name = "Chidi Okafor";
  f.emergency_phone = "+44 20 7946 0000";
  f.emergency_relationship = "Brother";
  f.referrer_name = "Dr Ingrid Johansson";
  f.indications = TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION | TONIC_INDICATION_PTSD;
  f.allergies = "Penicillin\nLatex";
  f.note = "Prefers morning slots";
  f.uuid = "ignored";
  f.archived = TRUE;

  patient = patients_test_create_patient (fixture->store, &f, &error);
  g_assert_no_error (error);

  g_assert_cmpint (tonic_patient_get_id (patient), >, 0);
  g_assert_true (g_uuid_string_is_valid (tonic_patient_get_uuid (patient)));
  {
    g_autofree char *first = tonic_mrn_format (1);

    g_assert_cmpstr (tonic_patient_get_mrn (patient), ==, first);
  }
  g_assert_true (tonic_mrn_is_valid (tonic_patient_get_mrn (patient)));
  /* Stored trimmed. */
  g_assert_cmpstr (tonic_patient_get_legal_name (patient), ==, "Samantha Okafor");
  g_assert_cmpstr (tonic_patient_get_preferred_name (patient), ==, "Sam");
  g_assert_cmpstr (tonic_patient_get_date_of_birth (patient), ==, "1980-04-03");
  g_assert_cmpint (tonic_patient_get_sex (patient), ==, TONIC_SEX_FEMALE);
  g_assert_cmpstr (tonic_patient_get_city (patient), ==, "Zürich");
  g_assert_cmpstr (tonic_patient_get_emergency_relationship (patient), ==, "Brother");
  g_assert_cmpint (tonic_patient_get_indications (patient), ==,
                   TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION | TONIC_INDICATION_PTSD);
  g_assert_cmpstr (tonic_patient_get_allergies (patient), ==, "Penicillin\nLatex");
  g_assert_cmpstr (tonic_patient_get_note (patient), ==, "Prefers morning slots");
  /* A new patient is never archived. */
  g_assert_false (tonic_patient_get_archived (patient));
  g_assert_cmpstr (tonic_patient_get_created_at (patient), ==,
                   tonic_patient_get_updated_at (patient));
  {
    g_autoptr(GDateTime) created = tonic_time_parse_utc (tonic_patient_get_created_at (patient));

    g_assert_nonnull (created);
  }

  /* Audited with the patient, and nothing of the chart in the detail. */
  sql = g_strdup_printf ("SELECT outcome || '|' || patient_id || '|' || object_type || '|'"
                         " || object_id || '|' || coalesce (detail, '') FROM audit_log"
                         " WHERE action_name = 'patient.create'");
  {
    g_autofree char *expected = g_strdup_printf ("ok|%" G_GINT64_FORMAT "|patient|%" G_GINT64_FORMAT "|",
                                                 tonic_patient_get_id (patient),
                                                 tonic_patient_get_id (patient));

    store_test_assert_query (fixture->store, sql, expected);
  }

  /* The stored indications are their ids. */
  store_test_assert_query (fixture->store, "SELECT indications FROM patient",
                           "treatment-resistant-depression,ptsd");
}

typedef void (*BreakFunc) (TonicPatientFields *f);

static void break_legal_name (TonicPatientFields *f) { f->legal_name = "   "; }
static void break_legal_name_digits (TonicPatientFields *f) { f->legal_name = "12345"; }
static void break_legal_name_line (TonicPatientFields *f) { f->legal_name = "Ana\nSilva"; }
static void break_preferred_name (TonicPatientFields *f) { f->preferred_name = "Sam\tthe\x01one"; }
static void break_pronouns (TonicPatientFields *f) { f->pronouns = "they/them they/them they/them they/them they/them!!"; }
static void break_dob_empty (TonicPatientFields *f) { f->date_of_birth = ""; }
static void break_dob_format (TonicPatientFields *f) { f->date_of_birth = "3/4/1980"; }
static void break_dob_future (TonicPatientFields *f) { f->date_of_birth = "2999-01-01"; }
static void break_dob_old (TonicPatientFields *f) { f->date_of_birth = "1899-12-31"; }
static void break_dob_impossible (TonicPatientFields *f) { f->date_of_birth = "1980-02-30"; }
static void break_sex (TonicPatientFields *f) { f->sex = 17; }
static void break_phone (TonicPatientFields *f) { f->phone_mobile = "call me"; }
static void break_phone_other (TonicPatientFields *f) { f->phone_other = "123"; }
static void break_email (TonicPatientFields *f) { f->email = "sam@@example"; }
static void break_postcode (TonicPatientFields *f) { f->postcode = "123456789012345678901"; }
static void break_emergency (TonicPatientFields *f) { f->emergency_phone = "+44 20 7946 0000"; }
static void break_emergency_phone (TonicPatientFields *f) { f->emergency_name = "Chidi"; }
static void break_referrer_email (TonicPatientFields *f) { f->referrer_email = "no at sign"; }
static void break_indications (TonicPatientFields *f) { f->indications = 1 << 20; }
static void break_mrn (TonicPatientFields *f) { f->mrn = "TN-0000012-4"; }

static void
test_create_validation (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const struct
  {
    BreakFunc   func;
    const char *label;   /* the field the message must name */
  } cases[] = {
    { break_mrn, "Medical record number" },
    { break_legal_name, "Legal name" },
    { break_legal_name_digits, "Legal name" },
    { break_legal_name_line, "Legal name" },
    { break_preferred_name, "Preferred name" },
    { break_pronouns, "Pronouns" },
    { break_dob_empty, "Date of birth" },
    { break_dob_format, "Date of birth" },
    { break_dob_future, "Date of birth" },
    { break_dob_old, "Date of birth" },
    { break_dob_impossible, "Date of birth" },
    { break_sex, "Sex" },
    { break_phone, "Mobile phone" },
    { break_phone_other, "Other phone" },
    { break_email, "Email" },
    { break_postcode, "Postcode" },
    { break_emergency, "Emergency contact" },
    { break_emergency_phone, "Emergency contact’s phone" },
    { break_referrer_email, "Referrer’s email" },
    { break_indications, "Indications" },
  };
  guint audit_before = store_test_count_audit (fixture->store, NULL, NULL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TonicPatient) patient = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *prefix = g_strconcat (cases[i].label, ": ", NULL);
      TonicPatientFields f;

      patients_test_fields (&f, "Ana Silva", "1975-06-30");
      cases[i].func (&f);

      patient = patients_test_create_patient (fixture->store, &f, &error);
      g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
      g_assert_null (patient);
      if (!g_str_has_prefix (error->message, prefix))
        g_error ("case %u: “%s” does not name “%s”", i, error->message, cases[i].label);
    }

  /* Nothing written, nothing audited. */
  g_assert_cmpuint (count_rows (fixture, "patient"), ==, 0);
  g_assert_cmpuint (count_rows (fixture, "patient_search_term"), ==, 0);
  g_assert_cmpuint (store_test_count_audit (fixture->store, NULL, NULL, 0), ==, audit_before);

  /* And the same fields fixed are accepted. */
  g_object_unref (patients_test_add (fixture->store, "Ana Silva", NULL, "1975-06-30", NULL));
  g_assert_cmpuint (count_rows (fixture, "patient"), ==, 1);
}

/* -- MRNs ------------------------------------------------------------------------------ */

static void
test_mrn (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(TonicPatient) first = patients_test_add (fixture->store, "Ana Silva", NULL, "1975-06-30", NULL);
  g_autoptr(TonicPatient) second = patients_test_add (fixture->store, "Ben Cohen", NULL, "1975-06-30", NULL);
  g_autoptr(TonicPatient) given = NULL;
  g_autoptr(TonicPatient) after = NULL;
  g_autoptr(TonicPatient) clash = NULL;
  g_autoptr(TonicPatient) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mrn_50 = tonic_mrn_format (50);
  g_autofree char *mrn_51 = tonic_mrn_format (51);
  g_autofree char *typed = NULL;
  guint64 sequence = 0;
  TonicPatientFields f;

  g_assert_true (tonic_mrn_parse (tonic_patient_get_mrn (first), &sequence));
  g_assert_cmpuint (sequence, ==, 1);
  g_assert_true (tonic_mrn_parse (tonic_patient_get_mrn (second), &sequence));
  g_assert_cmpuint (sequence, ==, 2);

  /* An MRN brought from elsewhere, typed loosely, is kept in its
   * canonical form, and the next one follows it. */
  typed = g_strdup_printf ("tn %.7s %c", mrn_50 + 3, mrn_50[TONIC_MRN_LENGTH - 1]);
  patients_test_fields (&f, "Chidi Mensah", "1990-01-01");
  f.mrn = typed;
  given = patients_test_create_patient (fixture->store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tonic_patient_get_mrn (given), ==, mrn_50);

  after = patients_test_add (fixture->store, "Dana Horvát", NULL, "1990-01-01", NULL);
  g_assert_cmpstr (tonic_patient_get_mrn (after), ==, mrn_51);

  /* A taken MRN is refused, and nothing is written. */
  f.mrn = mrn_51;
  f.legal_name = "Eve Clash";
  clash = patients_test_create_patient (fixture->store, &f, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_EXISTS);
  g_assert_null (clash);
  g_clear_error (&error);
  g_assert_cmpuint (count_rows (fixture, "patient"), ==, 4);
  store_test_assert_query (fixture->store,
                           "SELECT count(*) FROM patient_search_term t"
                           " WHERE NOT EXISTS (SELECT 1 FROM patient p WHERE p.id = t.patient_id)",
                           "0");

  /* The MRN never changes. */
  tonic_patient_get_fields (first, &f);
  f.mrn = mrn_51;
  f.note = "changed";
  updated = patients_test_update_patient (fixture->store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tonic_patient_get_mrn (updated), ==, tonic_patient_get_mrn (first));
  g_assert_cmpstr (tonic_patient_get_note (updated), ==, "changed");

  store_test_assert_query (fixture->store, "SELECT count(DISTINCT mrn) FROM patient", "4");
}

/* -- Duplicates -------------------------------------------------------------------------- */

static char *
duplicate_names (Fixture    *fixture,
                 const char *legal_name,
                 const char *date_of_birth,
                 gint64      except_id)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  found = patients_test_find_duplicates (fixture->store, legal_name, date_of_birth, except_id,
                                         &error);
  g_assert_no_error (error);

  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "|" : "",
                            tonic_patient_get_legal_name (g_ptr_array_index (found, i)));

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(TonicPatient) jose = patients_test_add (fixture->store, "José Núñez", NULL, "1980-04-03", NULL);
  g_autoptr(TonicPatient) other = patients_test_add (fixture->store, "Jose Nunez", NULL, "1981-04-03", NULL);
  g_autoptr(TonicPatient) archived = patients_test_add (fixture->store, "JOSÉ  NÚÑEZ", NULL, "1980-04-03", NULL);
  g_autoptr(TonicPatient) moved = NULL;
  g_autoptr(GError) error = NULL;
  char *names;

  moved = patients_test_set_patient_archived (fixture->store, tonic_patient_get_id (archived),
                                              TRUE, &error);
  g_assert_no_error (error);

  /* Case, accents and spacing do not matter; the date of birth does;
   * archived records count. */
  names = duplicate_names (fixture, "jose nunez", "1980-04-03", 0);
  g_assert_cmpstr (names, ==, "José Núñez|JOSÉ  NÚÑEZ");
  g_free (names);

  /* The patient being edited is not its own duplicate. */
  names = duplicate_names (fixture, "José Núñez", "1980-04-03", tonic_patient_get_id (jose));
  g_assert_cmpstr (names, ==, "JOSÉ  NÚÑEZ");
  g_free (names);

  names = duplicate_names (fixture, "Jose Nunez", "1981-04-03", 0);
  g_assert_cmpstr (names, ==, "Jose Nunez");
  g_free (names);

  names = duplicate_names (fixture, "Jose Nunez-Garcia", "1980-04-03", 0);
  g_assert_cmpstr (names, ==, "");
  g_free (names);

  names = duplicate_names (fixture, "", "1980-04-03", 0);
  g_assert_cmpstr (names, ==, "");
  g_free (names);
}

/* -- Archiving ------------------------------------------------------------------------ */

static guint
count_status (Fixture            *fixture,
              TonicPatientStatus  status)
{
  TonicPatientQuery query = { NULL, status, 0, FALSE, NULL, TONIC_PATIENT_SORT_NAME };
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  guint count;

  count = patients_test_count_patients (fixture->store, &query, &error);
  g_assert_no_error (error);
  listed = patients_test_list_patients (fixture->store, &query, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, count);

  for (guint i = 0; i < listed->len; i++)
    {
      gboolean archived = tonic_patient_get_archived (g_ptr_array_index (listed, i));

      if (status == TONIC_PATIENT_STATUS_ACTIVE)
        g_assert_false (archived);
      else if (status == TONIC_PATIENT_STATUS_ARCHIVED)
        g_assert_true (archived);
    }

  return count;
}

static void
test_archive (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(TonicPatient) ana = patients_test_add (fixture->store, "Ana Silva", NULL, "1975-06-30", NULL);
  g_autoptr(TonicPatient) ben = patients_test_add (fixture->store, "Ben Cohen", NULL, "1975-06-30", NULL);
  g_autoptr(GError) error = NULL;
  gint64 ana_id = tonic_patient_get_id (ana);

  g_assert_cmpuint (count_status (fixture, TONIC_PATIENT_STATUS_ACTIVE), ==, 2);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(TonicPatient) archived = NULL;

      /* Twice: the second changes nothing and is not audited again. */
      archived = patients_test_set_patient_archived (fixture->store, ana_id, TRUE, &error);
      g_assert_no_error (error);
      g_assert_true (tonic_patient_get_archived (archived));
    }

  g_assert_cmpuint (count_status (fixture, TONIC_PATIENT_STATUS_ACTIVE), ==, 1);
  g_assert_cmpuint (count_status (fixture, TONIC_PATIENT_STATUS_ARCHIVED), ==, 1);
  g_assert_cmpuint (count_status (fixture, TONIC_PATIENT_STATUS_ANY), ==, 2);
  /* Not found by an ACTIVE search either. */
  assert_search (fixture, "ana", "");
  assert_search (fixture, "silva", "");
  assert_search (fixture, "cohen", "Ben Cohen");
  g_assert_cmpuint (store_test_count_audit (fixture->store, "patient.archive", "ok", 0), ==, 1);

  /* Never deleted: restored as it was. */
  g_clear_object (&ana);
  ana = patients_test_set_patient_archived (fixture->store, ana_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (tonic_patient_get_archived (ana));
  g_assert_cmpstr (tonic_patient_get_legal_name (ana), ==, "Ana Silva");
  assert_search (fixture, "ana", "Ana Silva");
  g_assert_cmpuint (count_status (fixture, TONIC_PATIENT_STATUS_ACTIVE), ==, 2);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "patient.restore", "ok", 0), ==, 1);

  {
    g_autoptr(TonicPatient) missing = patients_test_set_patient_archived (fixture->store, 999,
                                                                          TRUE, &error);

    g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
    g_assert_null (missing);
  }
}

/* -- Search ----------------------------------------------------------------------------- */

static void
add_search_patients (Fixture *fixture)
{
  static const struct
  {
    const char *legal;
    const char *preferred;
    const char *dob;
    const char *phone;
  } people[] = {
    { "José Núñez", NULL, "1980-04-03", "+44 20 7946 0958" },
    { "José García", NULL, "1980-03-04", NULL },
    { "Maria Nunez", NULL, "1975-06-30", NULL },
    { "Ольга Петрова", NULL, "1966-11-02", NULL },
    { "王小明", NULL, "1990-01-01", NULL },
    { "Zoë O'Brien-Smith", NULL, "1992-12-12", "06 12 34 56 78" },
    { "Samantha Okafor", "Sam", "1985-07-21", NULL },
    { "Søren Kierkegård", NULL, "1980-04-30", NULL },
    { "Γιώργος Παπαδόπουλος", NULL, "1970-05-05", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    g_object_unref (patients_test_add (fixture->store, people[i].legal, people[i].preferred,
                                       people[i].dob, people[i].phone));
}

static void
test_search_names (Fixture       *fixture,
                   gconstpointer  user_data)
{
  add_search_patients (fixture);

  /* Everyone, for nothing typed. */
  g_assert_cmpuint (count_query (fixture, NULL), ==, 9);
  g_assert_cmpuint (count_query (fixture, "   "), ==, 9);

  /* Accents and case, either way round. */
  assert_search (fixture, "jose", "José García|José Núñez");
  assert_search (fixture, "JOSÉ", "José García|José Núñez");
  assert_search (fixture, "núñez", "José Núñez|Maria Nunez");
  assert_search (fixture, "nunez", "José Núñez|Maria Nunez");
  assert_search (fixture, "zoe", "Zoë O'Brien-Smith");
  assert_search (fixture, "soren kierkegard", "Søren Kierkegård");
  /* The start of any word, each word typed. */
  assert_search (fixture, "nu", "José Núñez|Maria Nunez");
  assert_search (fixture, "brien", "Zoë O'Brien-Smith");
  assert_search (fixture, "smith", "Zoë O'Brien-Smith");
  assert_search (fixture, "o'brien", "Zoë O'Brien-Smith");
  assert_search (fixture, "unez", "");
  /* Every word must match (AND), in any order. */
  assert_search (fixture, "jose nun", "José Núñez");
  assert_search (fixture, "nunez jose", "José Núñez");
  assert_search (fixture, "jose maria", "");
  assert_search (fixture, "Nunez, José", "José Núñez");
  /* Other scripts. */
  assert_search (fixture, "петр", "Ольга Петрова");
  assert_search (fixture, "ОЛЬГА", "Ольга Петрова");
  assert_search (fixture, "王", "王小明");
  assert_search (fixture, "小明", "王小明");
  assert_search (fixture, "γιωργος", "Γιώργος Παπαδόπουλος");
  assert_search (fixture, "παπαδ", "Γιώργος Παπαδόπουλος");
  /* The preferred name too. */
  assert_search (fixture, "sam", "Samantha Okafor");
  assert_search (fixture, "samantha", "Samantha Okafor");
  /* Words that are no kind of search term. */
  assert_search (fixture, "dob", "");
  assert_search (fixture, "tel", "");
  assert_search (fixture, "n", "José Núñez|Maria Nunez");
  /* Punctuation alone: nothing to look for, everyone. */
  g_assert_cmpuint (count_query (fixture, "—"), ==, 9);
}

static void
test_search_mrn_dob_phone (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *mrn_1 = tonic_mrn_format (1);
  g_autofree char *loose = NULL;
  g_autofree char *partial = NULL;

  add_search_patients (fixture);

  /* MRNs: whole (typed loosely) or its beginning. */
  assert_search (fixture, mrn_1, "José Núñez");
  loose = g_strdup_printf ("tn%.7s%c", mrn_1 + 3, mrn_1[TONIC_MRN_LENGTH - 1]);
  assert_search (fixture, loose, "José Núñez");
  g_assert_cmpuint (count_query (fixture, "TN-00000"), ==, 9);
  g_assert_cmpuint (count_query (fixture, "tn 0000 00"), ==, 9);
  partial = g_strdup_printf ("TN-%.7s", mrn_1 + 3);
  assert_search (fixture, partial, "José Núñez");
  assert_search (fixture, "TN-9", "");

  /* Dates of birth: ISO, and typed; an ambiguous date finds both readings. */
  assert_search (fixture, "1980-04-03", "José Núñez");
  assert_search (fixture, "3/4/1980", "José García|José Núñez");
  assert_search (fixture, "4/3/1980", "José García|José Núñez");
  assert_search (fixture, "30/4/1980", "Søren Kierkegård");
  assert_search (fixture, "1980", "");
  assert_search (fixture, "3 April 1980", "José Núñez");

  /* Phone numbers: the whole number, from its start, its last digits, or
   * typed nationally. */
  assert_search (fixture, "+44 20 7946 0958", "José Núñez");
  assert_search (fixture, "442079460958", "José Núñez");
  assert_search (fixture, "44 20 79", "José Núñez");
  assert_search (fixture, "7946 0958", "José Núñez");
  assert_search (fixture, "946-0958", "José Núñez");
  assert_search (fixture, "020 7946 0958", "José Núñez");
  assert_search (fixture, "06 12 34 56 78", "Zoë O'Brien-Smith");
  assert_search (fixture, "12345678", "Zoë O'Brien-Smith");
  /* Not from the middle, and too few digits to be a phone. */
  assert_search (fixture, "794609", "");
  assert_search (fixture, "0958", "");
}

static void
test_search_paging (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const char *texts[] = { NULL, "jose", "nu", "a", "1980-04-03", "zzz" };

  add_search_patients (fixture);

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (guint sort = 0; sort <= TONIC_PATIENT_SORT_RECENT; sort++)
      {
        TonicPatientQuery query = { texts[t], TONIC_PATIENT_STATUS_ACTIVE, 0, FALSE, NULL, sort };
        g_autoptr(GPtrArray) whole = NULL;
        g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
        g_autoptr(GError) error = NULL;
        guint count;
        guint position = 0;

        count = patients_test_count_patients (fixture->store, &query, &error);
        g_assert_no_error (error);
        whole = patients_test_list_patients (fixture->store, &query, 0, 500, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (whole->len, ==, count);

        /* Pages of 2 give the same rows in the same order. */
        for (guint offset = 0; offset < count + 2; offset += 2)
          {
            g_autoptr(GPtrArray) page = patients_test_list_patients (fixture->store, &query,
                                                                     offset, 2, &error);

            g_assert_no_error (error);
            g_assert_cmpuint (page->len, ==, MIN (2, count - MIN (count, offset)));
            for (guint i = 0; i < page->len; i++, position++)
              {
                gint64 id = tonic_patient_get_id (g_ptr_array_index (page, i));

                g_assert_cmpint (id, ==, tonic_patient_get_id (g_ptr_array_index (whole, position)));
                g_assert_false (g_hash_table_contains (seen, GSIZE_TO_POINTER (id)));
                g_hash_table_add (seen, GSIZE_TO_POINTER (id));
              }
          }
        g_assert_cmpuint (position, ==, count);
      }
}

static char *
list_order (Fixture          *fixture,
            TonicPatientSort  sort)
{
  TonicPatientQuery query = { NULL, TONIC_PATIENT_STATUS_ACTIVE, 0, FALSE, NULL, sort };
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) order = g_string_new (NULL);

  patients = patients_test_list_patients (fixture->store, &query, 0, 100, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < patients->len; i++)
    {
      g_autofree char *name = tonic_patient_dup_display_name (g_ptr_array_index (patients, i));

      g_string_append_printf (order, "%s%s", i > 0 ? "|" : "", name);
    }

  return g_string_free (g_steal_pointer (&order), FALSE);
}

static void
test_sorts (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(TonicPatient) zoe = patients_test_add (fixture->store, "Zoë Adams", NULL, "1990-01-01", NULL);
  g_autoptr(TonicPatient) sam = patients_test_add (fixture->store, "Samantha Okafor", "Ábel", "1970-01-01", NULL);
  g_autoptr(TonicPatient) ana = patients_test_add (fixture->store, "ana Bell", NULL, "1980-01-01", NULL);
  g_autoptr(TonicPatient) updated = NULL;
  g_autoptr(GError) error = NULL;
  TonicPatientFields f;
  char *order;

  /* By the folded display name: case and accents do not sort apart, the
   * preferred name comes first. */
  order = list_order (fixture, TONIC_PATIENT_SORT_NAME);
  g_assert_cmpstr (order, ==, "Ábel (Samantha Okafor)|ana Bell|Zoë Adams");
  g_free (order);

  order = list_order (fixture, TONIC_PATIENT_SORT_MRN);
  g_assert_cmpstr (order, ==, "Zoë Adams|Ábel (Samantha Okafor)|ana Bell");
  g_free (order);

  order = list_order (fixture, TONIC_PATIENT_SORT_DATE_OF_BIRTH);
  g_assert_cmpstr (order, ==, "Ábel (Samantha Okafor)|ana Bell|Zoë Adams");
  g_free (order);

  /* The last changed first (timestamps have whole seconds). */
  g_usleep (1100 * 1000);
  tonic_patient_get_fields (zoe, &f);
  f.note = "moved house";
  updated = patients_test_update_patient (fixture->store, &f, &error);
  g_assert_no_error (error);
  order = list_order (fixture, TONIC_PATIENT_SORT_RECENT);
  g_assert_cmpstr (order, ==, "Zoë Adams|ana Bell|Ábel (Samantha Okafor)");
  g_free (order);
}

/* Search is answered from indexes, never by reading every row. */
static void
test_query_plans (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const struct
  {
    const char       *text;
    TonicPatientSort  sort;
    gboolean          count;
    const char       *index;
  } cases[] = {
    { NULL, TONIC_PATIENT_SORT_NAME, FALSE, "USING INDEX patient_sort_name" },
    { NULL, TONIC_PATIENT_SORT_DATE_OF_BIRTH, FALSE, "USING INDEX patient_date_of_birth" },
    { NULL, TONIC_PATIENT_SORT_RECENT, FALSE, "USING INDEX patient_updated_at" },
    { NULL, TONIC_PATIENT_SORT_MRN, FALSE, "USING INDEX sqlite_autoindex_patient_2" },
    { NULL, TONIC_PATIENT_SORT_NAME, TRUE, "USING COVERING INDEX patient_archived" },
    { "jose", TONIC_PATIENT_SORT_NAME, FALSE, "USING COVERING INDEX patient_search_term_term" },
    { "jose", TONIC_PATIENT_SORT_NAME, TRUE, "USING COVERING INDEX patient_search_term_term" },
    { "jose nun", TONIC_PATIENT_SORT_NAME, TRUE, "USING COVERING INDEX patient_search_term_term" },
    { "3/4/1980", TONIC_PATIENT_SORT_NAME, FALSE, "USING COVERING INDEX patient_search_term_term (term=?)" },
    { "7946 0958", TONIC_PATIENT_SORT_NAME, TRUE, "USING COVERING INDEX patient_search_term_term (term>? AND term<?)" },
    { "TN-00000", TONIC_PATIENT_SORT_MRN, FALSE, "USING COVERING INDEX patient_search_term_term" },
  };

  add_search_patients (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TonicPatientQuery query = { cases[i].text, TONIC_PATIENT_STATUS_ACTIVE, 0, FALSE, NULL,
                                  cases[i].sort };
      g_autofree char *plan = patients_test_explain (fixture->store, &query, cases[i].count);
      g_auto(GStrv) steps = g_strsplit (plan, "\n", -1);

      g_test_message ("%s (%s): %s", cases[i].text, cases[i].count ? "count" : "list", plan);
      if (strstr (plan, cases[i].index) == NULL)
        g_error ("“%s”: no %s in the plan:\n%s", cases[i].text, cases[i].index, plan);

      /* No step reads a whole table. */
      for (guint s = 0; steps[s] != NULL; s++)
        if (g_str_equal (steps[s], "SCAN p") || g_str_equal (steps[s], "SCAN patient_search_term"))
          g_error ("“%s”: a full scan in the plan:\n%s", cases[i].text, plan);
    }
}

/* -- Roles ------------------------------------------------------------------------------ */

static TonicPatient *
add_clinical_patient (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TonicPatientFields f;
  TonicPatient *patient;

  patients_test_fields (&f, "Ingrid Johansson", "1966-05-05");
  f.indications = TONIC_INDICATION_PTSD | TONIC_INDICATION_CHRONIC_PAIN;
  f.allergies = "Penicillin";
  f.phone_mobile = "+46 70 123 45 67";

  patient = patients_test_create_patient (fixture->store, &f, &error);
  g_assert_no_error (error);

  return patient;
}

static void
assert_no_clinical (TonicPatient *patient)
{
  g_assert_cmpint (tonic_patient_get_indications (patient), ==, TONIC_INDICATION_NONE);
  g_assert_cmpstr (tonic_patient_get_allergies (patient), ==, "");
}

static void
test_front_desk (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(TonicPatient) ingrid = add_clinical_patient (fixture);
  g_autoptr(TonicPatient) seen = NULL;
  g_autoptr(TonicPatient) saved = NULL;
  g_autoptr(TonicPatient) created = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) duplicates = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = tonic_patient_get_id (ingrid);
  TonicPatientQuery query = { "ingrid", TONIC_PATIENT_STATUS_ACTIVE, 0, FALSE, NULL,
                              TONIC_PATIENT_SORT_NAME };
  TonicPatientFields f;
  guint count;

  patients_test_sign_in_as (fixture->store, DESK);

  /* Demographics yes, clinical fields emptied, wherever a patient comes
   * from. */
  listed = patients_test_list_patients (fixture->store, &query, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (tonic_patient_get_phone_mobile (g_ptr_array_index (listed, 0)), ==,
                   "+46 70 123 45 67");
  assert_no_clinical (g_ptr_array_index (listed, 0));

  seen = patients_test_open_patient (fixture->store, id, &error);
  g_assert_no_error (error);
  assert_no_clinical (seen);

  duplicates = patients_test_find_duplicates (fixture->store, "Ingrid Johansson", "1966-05-05", 0,
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (duplicates->len, ==, 1);
  assert_no_clinical (g_ptr_array_index (duplicates, 0));

  /* Cannot filter by indication (refused and audited). */
  query.text = NULL;
  query.indications = TONIC_INDICATION_PTSD;
  count = patients_test_count_patients (fixture->store, &query, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_assert_cmpuint (count, ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = patients_test_list_patients (fixture->store, &query, 0, 10, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_assert_null (listed);
  g_clear_error (&error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "clinical.view", "denied", 0), ==, 2);

  /* Saving what they were given changes the demographics and keeps the
   * clinical fields, even when they try to change them. */
  tonic_patient_get_fields (seen, &f);
  f.phone_mobile = "+46 70 765 43 21";
  f.indications = TONIC_INDICATION_OCD;
  f.allergies = "None";
  saved = patients_test_update_patient (fixture->store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tonic_patient_get_phone_mobile (saved), ==, "+46 70 765 43 21");
  assert_no_clinical (saved);
  store_test_assert_query (fixture->store,
                           "SELECT indications || '|' || allergies || '|' || phone_mobile"
                           " FROM patient",
                           "ptsd,chronic-pain|Penicillin|+46 70 765 43 21");
  store_test_assert_query (fixture->store,
                           "SELECT detail FROM audit_log WHERE action_name = 'patient.edit'",
                           "phone-mobile");

  /* Registering a patient with clinical fields needs CLINICAL_EDIT. */
  patients_test_fields (&f, "Noor Haddad", "1999-09-09");
  f.allergies = "Latex";
  created = patients_test_create_patient (fixture->store, &f, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_assert_null (created);
  g_clear_error (&error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "clinical.edit", "denied", 0), ==, 1);
  f.allergies = NULL;
  created = patients_test_create_patient (fixture->store, &f, &error);
  g_assert_no_error (error);

  /* The clinician sees what is stored. */
  patients_test_sign_in_as (fixture->store, CLINICIAN);
  g_clear_object (&seen);
  seen = patients_test_open_patient (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tonic_patient_get_indications (seen), ==,
                   TONIC_INDICATION_PTSD | TONIC_INDICATION_CHRONIC_PAIN);
  g_assert_cmpstr (tonic_patient_get_allergies (seen), ==, "Penicillin");
}

static void
test_indication_filter (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(TonicPatient) ingrid = add_clinical_patient (fixture);
  g_autoptr(TonicPatient) other = NULL;
  g_autoptr(TonicPatient) changed = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  TonicPatientQuery query = { NULL, TONIC_PATIENT_STATUS_ACTIVE, TONIC_INDICATION_PTSD, FALSE,
                              NULL, TONIC_PATIENT_SORT_NAME };
  TonicPatientFields f;

  patients_test_fields (&f, "Chidi Mensah", "1970-01-01");
  f.indications = TONIC_INDICATION_OCD;
  other = patients_test_create_patient (fixture->store, &f, &error);
  g_assert_no_error (error);
  g_object_unref (patients_test_add (fixture->store, "Ben Cohen", NULL, "1970-01-01", NULL));

  g_assert_cmpuint (patients_test_count_patients (fixture->store, &query, &error), ==, 1);
  g_assert_no_error (error);
  listed = patients_test_list_patients (fixture->store, &query, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (tonic_patient_get_id (g_ptr_array_index (listed, 0)), ==,
                   tonic_patient_get_id (ingrid));

  /* Any of several. */
  query.indications = TONIC_INDICATION_PTSD | TONIC_INDICATION_OCD;
  g_assert_cmpuint (patients_test_count_patients (fixture->store, &query, &error), ==, 2);
  /* With a search. */
  query.text = "chidi";
  g_assert_cmpuint (patients_test_count_patients (fixture->store, &query, &error), ==, 1);
  query.text = NULL;

  /* Changing a patient's indications moves them in and out. */
  tonic_patient_get_fields (other, &f);
  f.indications = TONIC_INDICATION_ANXIETY;
  changed = patients_test_update_patient (fixture->store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (patients_test_count_patients (fixture->store, &query, &error), ==, 1);
  query.indications = TONIC_INDICATION_ANXIETY;
  g_assert_cmpuint (patients_test_count_patients (fixture->store, &query, &error), ==, 1);
  g_assert_no_error (error);

  /* Indication terms never answer a typed search. */
  assert_search (fixture, "ptsd", "");
  assert_search (fixture, "ind", "");
}

static void
test_chart_open (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(TonicPatient) ingrid = add_clinical_patient (fixture);
  g_autoptr(TonicPatient) opened = NULL;
  g_autoptr(TonicPatient) missing = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = tonic_patient_get_id (ingrid);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log"
                                          " WHERE action_name = 'chart.open' AND outcome = 'ok'"
                                          " AND patient_id = %" G_GINT64_FORMAT
                                          " AND object_type = 'patient' AND emergency = 0",
                                          id);

  opened = patients_test_open_patient (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tonic_patient_get_allergies (opened), ==, "Penicillin");
  store_test_assert_query (fixture->store, sql, "1");

  /* Listing is not opening. */
  g_assert_cmpuint (count_query (fixture, "ingrid"), ==, 1);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "chart.open", NULL, 0), ==, 1);

  missing = patients_test_open_patient (fixture->store, id + 100, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_clear_error (&error);

  /* The front desk under emergency access sees the clinical fields, and
   * the opening is flagged. */
  patients_test_sign_in_as (fixture->store, DESK);
  g_assert_true (store_test_begin_emergency (fixture->store, "Patient collapsed in the waiting room",
                                             &error));
  g_assert_no_error (error);
  g_clear_object (&opened);
  opened = patients_test_open_patient (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tonic_patient_get_allergies (opened), ==, "Penicillin");
  g_assert_cmpint (tonic_patient_get_indications (opened), ==,
                   TONIC_INDICATION_PTSD | TONIC_INDICATION_CHRONIC_PAIN);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action_name = 'chart.open'"
                         " AND patient_id = %" G_GINT64_FORMAT " AND emergency = 1", id);
  store_test_assert_query (fixture->store, sql, "1");
}

/* -- Medications and weights ------------------------------------------------------ */

static GPtrArray *
make_medications (void)
{
  GPtrArray *medications = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (medications, tonic_medication_new (0, "Lorazepam", "1 mg at night",
                                                      TONIC_DRUG_CLASS_BENZODIAZEPINE));
  g_ptr_array_add (medications, tonic_medication_new (0, "Sertraline", "100 mg",
                                                      TONIC_DRUG_CLASS_NONE));
  g_ptr_array_add (medications, tonic_medication_new (0, "Methylphenidate", "",
                                                      TONIC_DRUG_CLASS_STIMULANT));

  return medications;
}

static void
test_medications (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(TonicPatient) ingrid = add_clinical_patient (fixture);
  g_autoptr(GPtrArray) medications = make_medications ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gint64 id = tonic_patient_get_id (ingrid);

  g_assert_true (patients_test_set_medications (fixture->store, id, medications, &error));
  g_assert_no_error (error);

  listed = patients_test_list_medications (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      TonicMedication *got = g_ptr_array_index (listed, i);
      TonicMedication *want = g_ptr_array_index (medications, i);

      g_assert_cmpint (tonic_medication_get_id (got), >, 0);
      g_assert_cmpstr (tonic_medication_get_name (got), ==, tonic_medication_get_name (want));
      g_assert_cmpstr (tonic_medication_get_dose (got), ==, tonic_medication_get_dose (want));
      g_assert_cmpint (tonic_medication_get_classes (got), ==, tonic_medication_get_classes (want));
    }

  /* Replaced as a whole. */
  g_ptr_array_remove_index (medications, 0);
  g_assert_true (patients_test_set_medications (fixture->store, id, medications, &error));
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = patients_test_list_medications (fixture->store, id, &error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpstr (tonic_medication_get_name (g_ptr_array_index (listed, 0)), ==, "Sertraline");
  g_assert_cmpuint (count_rows (fixture, "medication"), ==, 2);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "medications.edit", "ok", 0), ==, 2);

  /* A nameless medication is refused and changes nothing. */
  g_ptr_array_add (bad, tonic_medication_new (0, "  ", "5 mg", TONIC_DRUG_CLASS_NONE));
  g_assert_false (patients_test_set_medications (fixture->store, id, bad, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_rows (fixture, "medication"), ==, 2);

  g_assert_false (patients_test_set_medications (fixture->store, id + 50, medications, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The nurse may; the front desk and the administrator may not. */
  patients_test_sign_in_as (fixture->store, NURSE);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = patients_test_list_medications (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);

  for (guint r = 0; r < 2; r++)
    {
      patients_test_sign_in_as (fixture->store, r == 0 ? DESK : STORE_TEST_ADMIN_USER);
      g_clear_pointer (&listed, g_ptr_array_unref);
      listed = patients_test_list_medications (fixture->store, id, &error);
      g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
      g_assert_null (listed);
      g_clear_error (&error);
      g_assert_false (patients_test_set_medications (fixture->store, id, medications, &error));
      g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
      g_clear_error (&error);
    }

  g_assert_cmpuint (count_rows (fixture, "medication"), ==, 2);
}

static void
test_weights (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(TonicPatient) ingrid = add_clinical_patient (fixture);
  g_autoptr(GPtrArray) weights = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicStaff) clinician = tonic_store_dup_actor (fixture->store);
  gint64 id = tonic_patient_get_id (ingrid);
  TonicWeight *newest;

  g_assert_true (patients_test_add_weight (fixture->store, id, 72.46, "2026-01-05T09:00:00+01:00",
                                           &error));
  g_assert_no_error (error);
  g_assert_true (patients_test_add_weight (fixture->store, id, 70.0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (patients_test_add_weight (fixture->store, id, 71.0, "2025-06-01T08:00:00Z", &error));
  g_assert_no_error (error);

  weights = patients_test_list_weights (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (weights->len, ==, 3);
  /* Newest first; kept to 0.1 kg, in UTC, with who weighed. */
  newest = g_ptr_array_index (weights, 0);
  g_assert_cmpfloat (newest->kilograms, ==, 70.0);
  g_assert_cmpint (newest->staff_id, ==, tonic_staff_get_id (clinician));
  g_assert_cmpfloat_with_epsilon (((TonicWeight *) g_ptr_array_index (weights, 1))->kilograms,
                                  72.5, 1e-9);
  g_assert_cmpstr (((TonicWeight *) g_ptr_array_index (weights, 1))->measured_at, ==,
                   "2026-01-05T08:00:00Z");
  g_assert_cmpstr (((TonicWeight *) g_ptr_array_index (weights, 2))->measured_at, ==,
                   "2025-06-01T08:00:00Z");
  g_assert_cmpuint (store_test_count_audit (fixture->store, "weight.add", "ok", 0), ==, 3);

  /* Out of range, in the future, before birth, not a time. */
  g_assert_false (patients_test_add_weight (fixture->store, id, 1.9, NULL, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (patients_test_add_weight (fixture->store, id, 400.1, NULL, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (patients_test_add_weight (fixture->store, id, NAN, NULL, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (patients_test_add_weight (fixture->store, id, 70.0, "2999-01-01T00:00:00Z",
                                            &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (patients_test_add_weight (fixture->store, id, 70.0, "1960-01-01T00:00:00Z",
                                            &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (patients_test_add_weight (fixture->store, id, 70.0, "yesterday", &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (patients_test_add_weight (fixture->store, id + 9, 70.0, NULL, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_rows (fixture, "weight"), ==, 3);

  /* Clinical roles only. */
  patients_test_sign_in_as (fixture->store, DESK);
  g_assert_false (patients_test_add_weight (fixture->store, id, 70.0, NULL, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_clear_pointer (&weights, g_ptr_array_unref);
  weights = patients_test_list_weights (fixture->store, id, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);

  patients_test_sign_in_as (fixture->store, NURSE);
  g_assert_true (patients_test_add_weight (fixture->store, id, 69.95, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (fixture, "weight"), ==, 4);
}

/* -- Importing --------------------------------------------------------------------- */

static void
make_import (guint       n,
             GPtrArray **patients,
             GPtrArray **appointments)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 11, 23, 8, 0, 0);

  *patients = g_ptr_array_new_with_free_func (g_object_unref);
  *appointments = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *legal = g_strdup_printf ("Patient%u Importé", i);
      g_autofree char *phone = g_strdup_printf ("+41 79 %03u %04u", i % 1000, i);
      TonicPatientFields f;

      patients_test_fields (&f, legal, i % 2 ? "1980-04-03" : "1991-12-31");
      f.phone_mobile = phone;
      f.indications = i % 3 == 0 ? TONIC_INDICATION_ANXIETY : TONIC_INDICATION_NONE;
      g_ptr_array_add (*patients, tonic_patient_new (&f));

      /* Every tenth patient has two appointments, listed out of order. */
      if (i % 10 == 0)
        for (guint k = 0; k < 2; k++)
          {
            g_autoptr(GDateTime) start = g_date_time_add_minutes (base, (int) (i * 7 + k * 200));
            TonicAppointmentFields a = { 0 };

            a.patient_id = n - i;
            a.type = TONIC_APPOINTMENT_TYPE_IV_INFUSION;
            a.chair = 1 + (int) (i % 4);
            a.start = start;
            a.minutes = 100;
            a.state = k == 0 ? TONIC_APPOINTMENT_STATE_SCHEDULED : TONIC_APPOINTMENT_STATE_CANCELLED;
            g_ptr_array_add (*appointments, tonic_appointment_new (&a));
          }
    }
}

static void
test_import (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicPatient) existing = patients_test_add (fixture->store, "Already Here", NULL,
                                                        "1970-01-01", NULL);
  guint n = 2500;
  char *value;

  make_import (n, &patients, &appointments);

  /* Administrators only. */
  g_assert_false (patients_test_import (fixture->store, patients, appointments, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);

  patients_test_sign_in_as (fixture->store, STORE_TEST_ADMIN_USER);
  g_assert_true (patients_test_import (fixture->store, patients, appointments, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_rows (fixture, "patient"), ==, n + 1);
  g_assert_cmpuint (count_rows (fixture, "appointment"), ==, appointments->len);
  /* One audit row per batch of a thousand. */
  g_assert_cmpuint (store_test_count_audit (fixture->store, "patient.import", "ok", 0), ==, 3);
  store_test_assert_query (fixture->store,
                           "SELECT detail FROM audit_log WHERE action_name = 'patient.import'"
                           " ORDER BY sequence DESC",
                           "patients 2001-2500 of 2500, 100 appointments");

  /* MRNs follow on, each once. */
  store_test_assert_query (fixture->store, "SELECT count(DISTINCT mrn) FROM patient", "2501");
  {
    g_autofree char *last = tonic_mrn_format (n + 1);
    g_autofree char *first = tonic_mrn_format (2);

    store_test_assert_query (fixture->store, "SELECT MAX(mrn) FROM patient", last);
    value = store_test_query (fixture->store, "SELECT mrn FROM patient WHERE legal_name = 'Patient0 Importé'", NULL);
    g_assert_cmpstr (value, ==, first);
    g_free (value);
  }

  /* Appointments reach the patient they were given for (index + 1). */
  store_test_assert_query (fixture->store,
                           "SELECT p.legal_name FROM appointment a JOIN patient p"
                           " ON p.id = a.patient_id ORDER BY a.start_at LIMIT 1",
                           "Patient2499 Importé");
  store_test_assert_query (fixture->store,
                           "SELECT count(*) FROM appointment WHERE state = 'cancelled'",
                           "250");

  /* Searchable like any other. */
  assert_search (fixture, "patient1234", "Patient1234 Importé");
  assert_search (fixture, "importe patient2499", "Patient2499 Importé");
  g_assert_cmpuint (count_query (fixture, "importé"), ==, n);
  g_assert_cmpuint (count_query (fixture, "+41 79 234 1234"), ==, 1);
  patients_test_sign_in_as (fixture->store, CLINICIAN);
  {
    TonicPatientQuery query = { NULL, TONIC_PATIENT_STATUS_ACTIVE, TONIC_INDICATION_ANXIETY,
                                FALSE, NULL, TONIC_PATIENT_SORT_NAME };

    g_assert_cmpuint (patients_test_count_patients (fixture->store, &query, &error), ==, 834);
    g_assert_no_error (error);
  }
}

static void
test_import_invalid (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 11, 23, 8, 0, 0);
  TonicPatientFields f;
  TonicAppointmentFields a = { 0 };

  patients_test_sign_in_as (fixture->store, STORE_TEST_ADMIN_USER);
  make_import (1500, &patients, &appointments);

  /* The 1,400th patient is wrong: nothing at all is written. */
  patients_test_fields (&f, "Broken Birthday", "2999-01-01");
  g_object_unref (g_ptr_array_index (patients, 1399));
  g_ptr_array_index (patients, 1399) = tonic_patient_new (&f);
  g_assert_false (patients_test_import (fixture->store, patients, appointments, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Patient 1400, Date of birth: "));
  g_clear_error (&error);
  g_assert_cmpuint (count_rows (fixture, "patient"), ==, 0);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "patient.import", NULL, 0), ==, 0);

  /* An appointment for a patient who is not there. */
  g_ptr_array_set_size (patients, 10);
  g_ptr_array_set_size (appointments, 0);
  a.patient_id = 11;
  a.type = TONIC_APPOINTMENT_TYPE_FOLLOW_UP;
  a.chair = 1;
  a.start = start;
  a.minutes = 30;
  g_ptr_array_add (appointments, tonic_appointment_new (&a));
  g_assert_false (patients_test_import (fixture->store, patients, appointments, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_rows (fixture, "patient"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/patients/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("create", test_create);
  ADD ("create/validation", test_create_validation);
  ADD ("mrn", test_mrn);
  ADD ("duplicates", test_duplicates);
  ADD ("archive", test_archive);
  ADD ("search/names", test_search_names);
  ADD ("search/mrn-dob-phone", test_search_mrn_dob_phone);
  ADD ("search/paging", test_search_paging);
  ADD ("search/plans", test_query_plans);
  ADD ("sorts", test_sorts);
  ADD ("roles/front-desk", test_front_desk);
  ADD ("roles/indication-filter", test_indication_filter);
  ADD ("chart-open", test_chart_open);
  ADD ("medications", test_medications);
  ADD ("weights", test_weights);
  ADD ("import", test_import);
  ADD ("import/invalid", test_import_invalid);

#undef ADD

  return g_test_run ();
}
