/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "tonic-mrn.h"
#include "tonic-search.h"
#include "tonic-store-patients-private.h"
#include "tonic-text.h"
#include "tonic-time.h"

/* Patients, finding them, their medications and weights, and importing
 * many at once (tonic-store-patients.h). Appointments and the board are in
 * tonic-store-appointments.c.
 *
 * Search (ARCHITECTURE.md, "How data flows" 4) uses the table
 * patient_search_term: one row per word of a patient's names, MRN, date of
 * birth and phone numbers (see tonic-store-patients-private.h for the
 * kinds), indexed on the term. Every word typed must be the beginning of
 * one of the patient's name terms: a range of the index,
 * term >= 'n:word' AND term < 'n:word' || U+10FFFF, which SQLite (and
 * PostgreSQL) answers from the index; the words' matches are intersected
 * in SQL, and when the whole query also reads as an MRN, a date of birth
 * or phone digits, those terms' matches are added to them. */

#define MAX_LIST_LIMIT        500
#define MAX_QUERY_WORDS       8
#define MAX_MEDICATIONS       100
#define IMPORT_BATCH_SIZE     1000
/* The page cache while importing, in KiB as PRAGMA cache_size takes it
 * (negative). */
#define IMPORT_CACHE_SIZE     (-32 * 1024)
#define WEIGHT_MIN_KG         2.0
#define WEIGHT_MAX_KG         400.0
/* Names written without spaces (Chinese, Japanese, Korean) are also found
 * from each of their characters, up to this many. */
#define CJK_SUFFIX_MAX_CHARS  8

/* The largest code point, in UTF-8. */
#define MAX_CODE_POINT_UTF8   "\xf4\x8f\xbf\xbf"

/* -- The patient table's columns ------------------------------------------- */

typedef struct
{
  TonicPatientField  field;
  const char        *column;
  gsize              offset;
} TextColumn;

#define TEXT_COLUMN(f, m) \
  { TONIC_PATIENT_FIELD_##f, #m, G_STRUCT_OFFSET (TonicPatientFields, m) }

/* Every text field, in the order of PATIENT_COLUMNS from FIRST_TEXT_COLUMN. */
static const TextColumn text_columns[] = {
  TEXT_COLUMN (MRN, mrn),
  TEXT_COLUMN (LEGAL_NAME, legal_name),
  TEXT_COLUMN (PREFERRED_NAME, preferred_name),
  TEXT_COLUMN (PRONOUNS, pronouns),
  TEXT_COLUMN (DATE_OF_BIRTH, date_of_birth),
  TEXT_COLUMN (GENDER, gender),
  TEXT_COLUMN (PHONE_MOBILE, phone_mobile),
  TEXT_COLUMN (PHONE_OTHER, phone_other),
  TEXT_COLUMN (EMAIL, email),
  TEXT_COLUMN (ADDRESS_LINE1, address_line1),
  TEXT_COLUMN (ADDRESS_LINE2, address_line2),
  TEXT_COLUMN (CITY, city),
  TEXT_COLUMN (REGION, region),
  TEXT_COLUMN (POSTCODE, postcode),
  TEXT_COLUMN (EMERGENCY_NAME, emergency_name),
  TEXT_COLUMN (EMERGENCY_RELATIONSHIP, emergency_relationship),
  TEXT_COLUMN (EMERGENCY_PHONE, emergency_phone),
  TEXT_COLUMN (REFERRER_NAME, referrer_name),
  TEXT_COLUMN (REFERRER_PRACTICE, referrer_practice),
  TEXT_COLUMN (REFERRER_PHONE, referrer_phone),
  TEXT_COLUMN (REFERRER_EMAIL, referrer_email),
  TEXT_COLUMN (ALLERGIES, allergies),
  TEXT_COLUMN (NOTE, note),
};

#define N_TEXT_COLUMNS 23
/* The text fields, sex and indications are every field of the form. */
G_STATIC_ASSERT (G_N_ELEMENTS (text_columns) == N_TEXT_COLUMNS);
G_STATIC_ASSERT (N_TEXT_COLUMNS + 2 == TONIC_N_PATIENT_FIELDS);

#define TEXT_MEMBER(fields, i) \
  G_STRUCT_MEMBER (const char *, (fields), text_columns[(i)].offset)

#define PATIENT_COLUMNS \
  "p.id, p.uuid, p.archived, p.created_at, p.updated_at, p.sex, p.indications," \
  " p.mrn, p.legal_name, p.preferred_name, p.pronouns, p.date_of_birth, p.gender," \
  " p.phone_mobile, p.phone_other, p.email, p.address_line1, p.address_line2, p.city," \
  " p.region, p.postcode, p.emergency_name, p.emergency_relationship, p.emergency_phone," \
  " p.referrer_name, p.referrer_practice, p.referrer_phone, p.referrer_email," \
  " p.allergies, p.note, p.course_phase, p.scale_due_on, p.safety_alert"
#define FIRST_TEXT_COLUMN 7
/* The course fields, after the text fields. */
#define FIRST_COURSE_COLUMN (FIRST_TEXT_COLUMN + N_TEXT_COLUMNS)

/* What patient_bind_columns() binds, in order, from its first parameter. */
#define N_BOUND_COLUMNS (2 + N_TEXT_COLUMNS + 2)

/* -- Requests ------------------------------------------------------------- */

/* A copy of TonicPatientFields whose strings are owned by @strings. */
typedef struct
{
  TonicPatientFields  fields;
  GPtrArray          *strings;
} PatientRequest;

typedef struct
{
  char               *text;
  TonicPatientStatus  status;
  TonicIndication     indications;
  gboolean            appointment_today;
  char               *today;
  TonicPatientSort    sort;
  guint               phases;
  gboolean            overdue_scale;
  gboolean            safety_alert;
  guint               offset;
  guint               limit;
} QueryData;

typedef struct
{
  gint64     patient_id;
  gboolean   archived;
  char      *legal_name;
  char      *date_of_birth;
  double     kilograms;
  char      *measured_at;
  GPtrArray *medications;
} PatientData;

typedef struct
{
  GPtrArray *patients;
  GPtrArray *appointments;
} ImportData;

/* One parameter of a statement built from pieces. */
typedef struct
{
  char   *text;     /* NULL: @number */
  gint64  number;
} Param;

typedef struct
{
  GString *sql;
  GArray  *params;
} Sql;

/* Writing many patients (importing) is mostly SQLite's own allocations,
 * each locked in memory and wiped under cipher_memory_security (and this
 * SQLCipher has no lookaside): so rows are written several to a statement
 * and text is bound without copies. */
#define PATIENTS_PER_STATEMENT 32
#define TERMS_PER_STATEMENT    128

/* A patient ready to be written: normalized fields, the derived columns
 * and its search terms, all owned here and bound without copies. */
typedef struct
{
  TonicPatientFields  fields;
  GPtrArray          *strings;
  char               *indications;
  char               *sort_name;
  char               *name_key;
  char               *uuid;
  GPtrArray          *terms;
  gint64              id;         /* 0: given by the INSERT */
} PatientRow;

/* The statements patients are written with, prepared when first needed
 * and kept for the job: insert_patients[n - 1] inserts n patients,
 * insert_terms[n - 1] n terms. */
typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *insert_patients[PATIENTS_PER_STATEMENT];
  sqlite3_stmt *insert_terms[TERMS_PER_STATEMENT];
  sqlite3_stmt *delete_terms;
} PatientWriter;

/* -- Helpers --------------------------------------------------------------- */

static PatientRequest *
patient_request_new (const TonicPatientFields *fields)
{
  PatientRequest *request = g_new0 (PatientRequest, 1);

  request->fields = *fields;
  request->fields.uuid = NULL;
  request->fields.created_at = NULL;
  request->fields.updated_at = NULL;
  request->strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_TEXT_COLUMNS; i++)
    {
      char *copy = g_strdup (TEXT_MEMBER (fields, i));

      g_ptr_array_add (request->strings, copy);
      TEXT_MEMBER (&request->fields, i) = copy;
    }

  return request;
}

static void
patient_request_free (gpointer data)
{
  PatientRequest *request = data;

  g_ptr_array_unref (request->strings);
  g_free (request);
}

static void
query_data_free (gpointer data)
{
  QueryData *query = data;

  g_free (query->text);
  g_free (query->today);
  g_free (query);
}

static void
patient_data_free (gpointer data)
{
  PatientData *patient = data;

  g_free (patient->legal_name);
  g_free (patient->date_of_birth);
  g_free (patient->measured_at);
  g_clear_pointer (&patient->medications, g_ptr_array_unref);
  g_free (patient);
}

static void
import_data_free (gpointer data)
{
  ImportData *import = data;

  g_clear_pointer (&import->patients, g_ptr_array_unref);
  g_clear_pointer (&import->appointments, g_ptr_array_unref);
  g_free (import);
}

static void
clear_param (gpointer data)
{
  Param *param = data;

  g_clear_pointer (&param->text, g_free);
}

static void
sql_init (Sql        *sql,
          const char *start)
{
  sql->sql = g_string_new (start);
  sql->params = g_array_new (FALSE, TRUE, sizeof (Param));
  g_array_set_clear_func (sql->params, clear_param);
}

static void
sql_clear (Sql *sql)
{
  g_string_free (sql->sql, TRUE);
  g_array_unref (sql->params);
}

/* Appends @piece (constant SQL) and the value of its one "?", if any. */
static void
sql_add_text (Sql        *sql,
              const char *piece,
              const char *value)
{
  Param param = { g_strdup (value), 0 };

  g_string_append (sql->sql, piece);
  g_array_append_val (sql->params, param);
}

static void
sql_add_number (Sql        *sql,
                const char *piece,
                gint64      value)
{
  Param param = { NULL, value };

  g_string_append (sql->sql, piece);
  g_array_append_val (sql->params, param);
}

static sqlite3_stmt *
sql_prepare (sqlite3  *db,
             Sql      *sql,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = _tonic_store_prepare (db, sql->sql->str, error);

  if (stmt == NULL)
    return NULL;

  g_assert ((guint) sqlite3_bind_parameter_count (stmt) == sql->params->len);

  for (guint i = 0; i < sql->params->len; i++)
    {
      Param *param = &g_array_index (sql->params, Param, i);
      gboolean bound;

      if (param->text != NULL)
        bound = _tonic_store_bind_text (db, stmt, (int) i + 1, param->text, error);
      else
        bound = _tonic_store_bind_int64 (db, stmt, (int) i + 1, param->number, error);

      if (!bound)
        return NULL;
    }

  return g_steal_pointer (&stmt);
}

static void
set_patient_not_found (GError **error)
{
  g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND,
                       _("This patient does not exist"));
}

/* The name of a field of the patient form, for messages that must say
 * which field is wrong. */
static const char *
describe_field (TonicPatientField field)
{
  switch (field)
    {
    case TONIC_PATIENT_FIELD_MRN:
      return _("Medical record number");
    case TONIC_PATIENT_FIELD_LEGAL_NAME:
      return _("Legal name");
    case TONIC_PATIENT_FIELD_PREFERRED_NAME:
      return _("Preferred name");
    case TONIC_PATIENT_FIELD_PRONOUNS:
      return _("Pronouns");
    case TONIC_PATIENT_FIELD_DATE_OF_BIRTH:
      return _("Date of birth");
    case TONIC_PATIENT_FIELD_SEX:
      return _("Sex");
    case TONIC_PATIENT_FIELD_GENDER:
      return _("Gender");
    case TONIC_PATIENT_FIELD_PHONE_MOBILE:
      return _("Mobile phone");
    case TONIC_PATIENT_FIELD_PHONE_OTHER:
      return _("Other phone");
    case TONIC_PATIENT_FIELD_EMAIL:
      return _("Email");
    case TONIC_PATIENT_FIELD_ADDRESS_LINE1:
      return _("Address");
    case TONIC_PATIENT_FIELD_ADDRESS_LINE2:
      return _("Address, second line");
    case TONIC_PATIENT_FIELD_CITY:
      return _("City");
    case TONIC_PATIENT_FIELD_REGION:
      return _("Region");
    case TONIC_PATIENT_FIELD_POSTCODE:
      return _("Postcode");
    case TONIC_PATIENT_FIELD_EMERGENCY_NAME:
      return _("Emergency contact");
    case TONIC_PATIENT_FIELD_EMERGENCY_RELATIONSHIP:
      return _("Emergency contact’s relationship");
    case TONIC_PATIENT_FIELD_EMERGENCY_PHONE:
      return _("Emergency contact’s phone");
    case TONIC_PATIENT_FIELD_REFERRER_NAME:
      return _("Referring clinician");
    case TONIC_PATIENT_FIELD_REFERRER_PRACTICE:
      return _("Referring practice");
    case TONIC_PATIENT_FIELD_REFERRER_PHONE:
      return _("Referrer’s phone");
    case TONIC_PATIENT_FIELD_REFERRER_EMAIL:
      return _("Referrer’s email");
    case TONIC_PATIENT_FIELD_INDICATIONS:
      return _("Indications");
    case TONIC_PATIENT_FIELD_ALLERGIES:
      return _("Allergies");
    case TONIC_PATIENT_FIELD_NOTE:
      return _("Note");
    default:
      g_return_val_if_reached ("");
    }
}

/* tonic_patient_check() against @today (NULL: the local date), as an
 * INVALID error whose message names the field; @number (from 1; 0: none)
 * says which of many patients it is. */
static gboolean
check_patient (const TonicPatientFields  *fields,
               const GDate               *today,
               guint                      number,
               GError                   **error)
{
  g_autofree char *message = NULL;
  TonicPatientField field = TONIC_PATIENT_FIELD_MRN;

  if (tonic_patient_check (fields, today, &field, &message))
    return TRUE;

  if (number > 0)
    /* Translators: which patient of an import cannot be imported, counting
     * from 1; the name of a field of the patient form; what is wrong. */
    g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID, _("Patient %u, %s: %s"),
                 number, describe_field (field), message);
  else
    /* Translators: the name of a field of the patient form, then what is
     * wrong with it, as in "Mobile phone: Enter 6 to 15 digits". */
    g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID, _("%s: %s"),
                 describe_field (field), message);

  return FALSE;
}

/* @in with every text stripped and a given MRN in its canonical form, in
 * @out; the new strings are owned by @strings. */
static void
normalize_fields (const TonicPatientFields *in,
                  TonicPatientFields       *out,
                  GPtrArray                *strings)
{
  *out = *in;

  for (guint i = 0; i < N_TEXT_COLUMNS; i++)
    {
      char *stripped = tonic_text_strip (TEXT_MEMBER (in, i));

      g_ptr_array_add (strings, stripped);
      TEXT_MEMBER (out, i) = stripped;
    }

  if (*out->mrn != '\0')
    {
      char *canonical = tonic_mrn_normalize (out->mrn);

      if (canonical != NULL)
        {
          g_ptr_array_add (strings, canonical);
          out->mrn = canonical;
        }
    }
}

static gboolean
has_clinical_fields (const TonicPatientFields *fields)
{
  g_autofree char *allergies = tonic_text_strip (fields->allergies);

  return fields->indications != TONIC_INDICATION_NONE || *allergies != '\0';
}

/* The folded name the list is sorted by: the display name (preferred name,
 * then the legal name in parentheses when they differ), spelled the same
 * whatever the language of the interface. */
static char *
make_sort_name (const char *legal_name,
                const char *preferred_name)
{
  g_autofree char *legal = tonic_search_fold (legal_name);
  g_autofree char *preferred = tonic_search_fold (preferred_name);

  if (*preferred == '\0' || g_str_equal (legal, preferred))
    return g_steal_pointer (&legal);
  if (*legal == '\0')
    return g_steal_pointer (&preferred);

  return g_strconcat (preferred, " (", legal, ")", NULL);
}

static TonicPatient *
patient_from_row (sqlite3_stmt *stmt,
                  gboolean      clinical)
{
  TonicPatientFields f = { 0 };

  f.id = sqlite3_column_int64 (stmt, 0);
  f.uuid = (const char *) sqlite3_column_text (stmt, 1);
  f.archived = sqlite3_column_int (stmt, 2) != 0;
  f.created_at = (const char *) sqlite3_column_text (stmt, 3);
  f.updated_at = (const char *) sqlite3_column_text (stmt, 4);

  if (!tonic_sex_from_string ((const char *) sqlite3_column_text (stmt, 5), &f.sex))
    f.sex = TONIC_SEX_UNKNOWN;

  /* Unknown ids (from a newer Tonic) are left out; the known ones stay. */
  if (clinical)
    tonic_indication_parse_mask ((const char *) sqlite3_column_text (stmt, 6), &f.indications);

  for (guint i = 0; i < N_TEXT_COLUMNS; i++)
    TEXT_MEMBER (&f, i) = (const char *) sqlite3_column_text (stmt, FIRST_TEXT_COLUMN + (int) i);

  if (clinical)
    {
      const char *phase = (const char *) sqlite3_column_text (stmt, FIRST_COURSE_COLUMN);

      /* The course fields are clinical too. A phase this Tonic does not
       * know (from a newer one) shows as none. */
      if (!tonic_course_phase_from_string (phase, &f.course_phase))
        f.course_phase = TONIC_COURSE_PHASE_NONE;
      f.scale_due_on = (const char *) sqlite3_column_text (stmt, FIRST_COURSE_COLUMN + 1);
      f.safety_alert = sqlite3_column_int (stmt, FIRST_COURSE_COLUMN + 2) != 0;
    }
  else
    {
      f.indications = TONIC_INDICATION_NONE;
      f.allergies = NULL;
    }

  return tonic_patient_new (&f);
}

/* Patient @patient_id, or NULL with NOT_FOUND. */
static TonicPatient *
read_patient (sqlite3   *db,
              gint64     patient_id,
              gboolean   clinical,
              GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tonic_store_prepare (db, "SELECT " PATIENT_COLUMNS " FROM patient p WHERE p.id = ?1",
                               error);
  if (stmt == NULL || !_tonic_store_bind_int64 (db, stmt, 1, patient_id, error))
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_patient_not_found (error);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the patient"));
      return NULL;
    }

  return patient_from_row (stmt, clinical);
}

static GPtrArray *
read_patients (sqlite3       *db,
               sqlite3_stmt  *stmt,
               gboolean       clinical,
               GError       **error)
{
  g_autoptr(GPtrArray) patients = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (patients, patient_from_row (stmt, clinical));

  if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the patient list"));
      return NULL;
    }

  return g_steal_pointer (&patients);
}

/* The patient's name for the trail's detail is never written: ids only. */
static gboolean
append_patient_audit (TonicStore  *self,
                      sqlite3     *db,
                      gint64       actor_id,
                      const char  *action,
                      gint64       patient_id,
                      const char  *object_type,
                      gint64       object_id,
                      const char  *detail,
                      gboolean     emergency,
                      GError     **error)
{
  g_autofree char *object = _tonic_store_format_id (object_id);

  return _tonic_store_append_audit (self, db, actor_id, action, patient_id, object_type, object,
                                    TONIC_AUDIT_OK, detail, emergency, error);
}

/* A read of clinical content that only emergency access allowed: recorded
 * each time (SECURITY.md, "Break-glass"). */
typedef struct
{
  TonicStore *store;
  gint64      actor_id;
  gint64      patient_id;
  const char *detail;
} EmergencyReadTxn;

static gboolean
emergency_read_txn (sqlite3  *db,
                    gpointer  user_data,
                    GError  **error)
{
  EmergencyReadTxn *txn = user_data;

  return _tonic_store_append_audit (txn->store, db, txn->actor_id,
                                    tonic_action_to_string (TONIC_ACTION_CLINICAL_VIEW),
                                    txn->patient_id, txn->patient_id != 0 ? "patient" : NULL,
                                    NULL, TONIC_AUDIT_OK, txn->detail, TRUE, error);
}

gboolean
_tonic_store_record_emergency_read (TonicStore  *self,
                                    sqlite3     *db,
                                    gint64       patient_id,
                                    const char  *detail,
                                    GError     **error)
{
  g_autoptr(TonicStaff) actor = tonic_store_dup_actor (self);
  EmergencyReadTxn txn = { self, actor != NULL ? tonic_staff_get_id (actor) : 0, patient_id,
                           detail };

  return _tonic_store_transaction (db, emergency_read_txn, &txn, error);
}

/* -- Search terms ------------------------------------------------------------- */

char *
_tonic_store_prefix_end (const char *prefix)
{
  g_assert (prefix != NULL);

  return g_strconcat (prefix, MAX_CODE_POINT_UTF8, NULL);
}

static void
add_term (GPtrArray  *terms,
          GHashTable *seen,
          char       *term)
{
  if (g_hash_table_contains (seen, term))
    {
      g_free (term);
      return;
    }

  g_hash_table_add (seen, term);
  g_ptr_array_add (terms, term);
}

static gboolean
is_unspaced_script (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
         script == G_UNICODE_SCRIPT_KATAKANA || script == G_UNICODE_SCRIPT_HANGUL;
}

static void
add_name_terms (GPtrArray  *terms,
                GHashTable *seen,
                const char *name)
{
  g_auto(GStrv) words = tonic_search_tokens (name);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];

      add_term (terms, seen, g_strconcat (TONIC_TERM_NAME, word, NULL));

      /* "王小明" is also found by "小明": a given name written after the
       * family name with no space. */
      if (is_unspaced_script (g_utf8_get_char (word)) &&
          g_utf8_strlen (word, -1) <= CJK_SUFFIX_MAX_CHARS)
        {
          for (const char *p = g_utf8_next_char (word); *p != '\0'; p = g_utf8_next_char (p))
            add_term (terms, seen, g_strconcat (TONIC_TERM_NAME, p, NULL));
        }
    }
}

static void
add_phone_terms (GPtrArray  *terms,
                 GHashTable *seen,
                 const char *phone)
{
  g_autofree char *digits = tonic_search_phone_digits (phone);
  g_autofree char *reversed = NULL;

  if (strlen (digits) < TONIC_SEARCH_PHONE_DIGITS_MIN)
    return;

  reversed = g_strreverse (g_strdup (digits));
  add_term (terms, seen, g_strconcat (TONIC_TERM_PHONE, digits, NULL));
  add_term (terms, seen, g_strconcat (TONIC_TERM_PHONE_END, reversed, NULL));
}

GPtrArray *
_tonic_store_patient_terms (const TonicPatientFields *fields)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *terms = g_ptr_array_new_with_free_func (g_free);

  g_assert (fields != NULL);

  add_name_terms (terms, seen, fields->legal_name);
  add_name_terms (terms, seen, fields->preferred_name);

  if (fields->mrn != NULL && *fields->mrn != '\0')
    add_term (terms, seen, g_strconcat (TONIC_TERM_MRN, fields->mrn, NULL));
  if (fields->date_of_birth != NULL && *fields->date_of_birth != '\0')
    add_term (terms, seen, g_strconcat (TONIC_TERM_BIRTH, fields->date_of_birth, NULL));

  add_phone_terms (terms, seen, fields->phone_mobile);
  add_phone_terms (terms, seen, fields->phone_other);

  for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
    {
      TonicIndication indication = tonic_indication_nth (i);

      if (fields->indications & indication)
        add_term (terms, seen, g_strconcat (TONIC_TERM_INDICATION,
                                            tonic_indication_to_string (indication), NULL));
    }

  return terms;
}

/* -- Writing patients ------------------------------------------------------------ */

/* @given, normalized, with its derived columns. The MRN may still be set
 * (patient_row_set_mrn()) until the terms are made. */
static void
patient_row_init (PatientRow               *row,
                  const TonicPatientFields *given)
{
  memset (row, 0, sizeof *row);
  row->strings = g_ptr_array_new_with_free_func (g_free);
  normalize_fields (given, &row->fields, row->strings);
  row->indications = tonic_indication_format_mask (row->fields.indications);
  row->sort_name = make_sort_name (row->fields.legal_name, row->fields.preferred_name);
  row->name_key = tonic_search_fold (row->fields.legal_name);
  row->uuid = g_uuid_string_random ();
}

static void
patient_row_set_mrn (PatientRow *row,
                     char       *mrn)
{
  g_assert (row->terms == NULL);

  g_ptr_array_add (row->strings, mrn);
  row->fields.mrn = mrn;
}

static GPtrArray *
patient_row_get_terms (PatientRow *row)
{
  if (row->terms == NULL)
    row->terms = _tonic_store_patient_terms (&row->fields);

  return row->terms;
}

static void
patient_row_clear (PatientRow *row)
{
  g_clear_pointer (&row->strings, g_ptr_array_unref);
  g_clear_pointer (&row->indications, g_free);
  g_clear_pointer (&row->sort_name, g_free);
  g_clear_pointer (&row->name_key, g_free);
  g_clear_pointer (&row->uuid, g_free);
  g_clear_pointer (&row->terms, g_ptr_array_unref);
}

/* Binds @text (NULL: SQL NULL) without a copy: it must live until the
 * statement is reset (patient_writer_done()). */
static gboolean
bind_static_text (sqlite3       *db,
                  sqlite3_stmt  *stmt,
                  int            index,
                  const char    *text,
                  GError       **error)
{
  int rc = text != NULL ? sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC)
                        : sqlite3_bind_null (stmt, index);

  if (rc != SQLITE_OK)
    {
      _tonic_store_set_error (error, db, rc, NULL);
      return FALSE;
    }

  return TRUE;
}

/* Resets @stmt and forgets its values (bound without copies). */
static void
statement_done (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Binds sex, indications, every text column, sort_name and name_key of
 * @row to the parameters from @first on (N_BOUND_COLUMNS of them). */
static gboolean
patient_bind_columns (sqlite3       *db,
                      sqlite3_stmt  *stmt,
                      int            first,
                      PatientRow    *row,
                      GError       **error)
{
  const TonicPatientFields *f = &row->fields;
  int param = first;

  if (!bind_static_text (db, stmt, param++, tonic_sex_to_string (f->sex), error) ||
      !bind_static_text (db, stmt, param++, row->indications, error))
    return FALSE;

  for (guint i = 0; i < N_TEXT_COLUMNS; i++)
    if (!bind_static_text (db, stmt, param++, TEXT_MEMBER (f, i), error))
      return FALSE;

  if (!bind_static_text (db, stmt, param++, row->sort_name, error) ||
      !bind_static_text (db, stmt, param++, row->name_key, error))
    return FALSE;

  g_assert (param == first + N_BOUND_COLUMNS);

  return TRUE;
}

static void
patient_writer_init (PatientWriter *writer,
                     sqlite3       *db)
{
  memset (writer, 0, sizeof *writer);
  writer->db = db;
}

static void
patient_writer_clear (PatientWriter *writer)
{
  for (guint i = 0; i < PATIENTS_PER_STATEMENT; i++)
    g_clear_pointer (&writer->insert_patients[i], sqlite3_finalize);
  for (guint i = 0; i < TERMS_PER_STATEMENT; i++)
    g_clear_pointer (&writer->insert_terms[i], sqlite3_finalize);
  g_clear_pointer (&writer->delete_terms, sqlite3_finalize);
}

/* The parameters of one patient in an INSERT: id, uuid, archived,
 * created_at, updated_at, then patient_bind_columns()'s. */
#define PATIENT_INSERT_PARAMS (5 + N_BOUND_COLUMNS)

static sqlite3_stmt *
get_insert_patients (PatientWriter  *writer,
                     guint           n,
                     GError        **error)
{
  g_assert (n >= 1 && n <= PATIENTS_PER_STATEMENT);

  if (writer->insert_patients[n - 1] == NULL)
    {
      g_autoptr(GString) sql = g_string_new ("INSERT INTO patient (id, uuid, archived, created_at,"
                                             " updated_at, sex, indications");
      int param = 1;

      /* Column names from the table above and numbered placeholders:
       * constant SQL, every value bound. SQL-92 row value lists. */
      for (guint i = 0; i < N_TEXT_COLUMNS; i++)
        g_string_append_printf (sql, ", %s", text_columns[i].column);
      g_string_append (sql, ", sort_name, name_key) VALUES ");

      for (guint row = 0; row < n; row++)
        {
          g_string_append_printf (sql, "%s(?%d", row > 0 ? ", " : "", param++);
          for (guint i = 1; i < PATIENT_INSERT_PARAMS; i++)
            g_string_append_printf (sql, ", ?%d", param++);
          g_string_append (sql, ")");
        }

      writer->insert_patients[n - 1] = _tonic_store_prepare (writer->db, sql->str, error);
    }

  return writer->insert_patients[n - 1];
}

static sqlite3_stmt *
get_insert_terms (PatientWriter  *writer,
                  guint           n,
                  GError        **error)
{
  g_assert (n >= 1 && n <= TERMS_PER_STATEMENT);

  if (writer->insert_terms[n - 1] == NULL)
    {
      g_autoptr(GString) sql = g_string_new ("INSERT INTO patient_search_term (patient_id, term)"
                                             " VALUES (?1, ?2)");

      for (guint i = 1; i < n; i++)
        g_string_append_printf (sql, ", (?%u, ?%u)", 2 * i + 1, 2 * i + 2);

      writer->insert_terms[n - 1] = _tonic_store_prepare (writer->db, sql->str, error);
    }

  return writer->insert_terms[n - 1];
}

/* Inserts @n (1 … PATIENTS_PER_STATEMENT) patients. With more than one,
 * each needs its id; one without an id gets it here. */
static gboolean
patient_writer_insert (PatientWriter  *writer,
                       PatientRow    **rows,
                       guint           n,
                       const char     *now,
                       GError        **error)
{
  sqlite3 *db = writer->db;
  sqlite3_stmt *stmt = get_insert_patients (writer, n, error);
  gboolean ok = stmt != NULL;

  for (guint i = 0; ok && i < n; i++)
    {
      PatientRow *row = rows[i];
      int first = 1 + (int) i * PATIENT_INSERT_PARAMS;

      g_assert (n == 1 || row->id != 0);

      ok = _tonic_store_bind_id (db, stmt, first, row->id, error) &&
           bind_static_text (db, stmt, first + 1, row->uuid, error) &&
           _tonic_store_bind_int64 (db, stmt, first + 2, row->fields.archived ? 1 : 0, error) &&
           bind_static_text (db, stmt, first + 3, now, error) &&
           bind_static_text (db, stmt, first + 4, now, error) &&
           patient_bind_columns (db, stmt, first + 5, row, error);
    }

  ok = ok && _tonic_store_step_done (db, stmt, error);
  if (stmt != NULL)
    statement_done (stmt);

  if (ok && n == 1 && rows[0]->id == 0)
    rows[0]->id = sqlite3_last_insert_rowid (db);

  return ok;
}

/* Writes the search terms of @n inserted patients; @replace: the ones
 * they had are deleted first. */
static gboolean
patient_writer_write_terms (PatientWriter  *writer,
                            PatientRow    **rows,
                            guint           n,
                            gboolean        replace,
                            GError        **error)
{
  sqlite3 *db = writer->db;
  sqlite3_stmt *stmt = NULL;
  guint n_pending = 0;
  gboolean ok = TRUE;

  for (guint i = 0; ok && replace && i < n; i++)
    {
      if (writer->delete_terms == NULL)
        writer->delete_terms = _tonic_store_prepare (db,
                                                     "DELETE FROM patient_search_term"
                                                     " WHERE patient_id = ?1",
                                                     error);
      ok = writer->delete_terms != NULL &&
           _tonic_store_bind_int64 (db, writer->delete_terms, 1, rows[i]->id, error) &&
           _tonic_store_step_done (db, writer->delete_terms, error);
      if (writer->delete_terms != NULL)
        statement_done (writer->delete_terms);
    }

  /* Every (patient, term) pair in order, TERMS_PER_STATEMENT at a time. */
  for (guint i = 0; ok && i < n; i++)
    {
      GPtrArray *terms = patient_row_get_terms (rows[i]);
      guint left = 0;

      for (guint j = i; j < n; j++)
        left += patient_row_get_terms (rows[j])->len;

      for (guint t = 0; ok && t < terms->len; t++)
        {
          if (n_pending == 0)
            {
              stmt = get_insert_terms (writer, MIN (left, TERMS_PER_STATEMENT), error);
              if (stmt == NULL)
                return FALSE;
            }

          ok = _tonic_store_bind_int64 (db, stmt, 2 * (int) n_pending + 1, rows[i]->id, error) &&
               bind_static_text (db, stmt, 2 * (int) n_pending + 2, g_ptr_array_index (terms, t),
                                 error);
          n_pending++;
          left--;

          if (ok && n_pending == (guint) sqlite3_bind_parameter_count (stmt) / 2)
            {
              ok = _tonic_store_step_done (db, stmt, error);
              statement_done (stmt);
              n_pending = 0;
            }
        }
    }

  if (!ok && stmt != NULL)
    statement_done (stmt);

  return ok;
}

/* The sequence number after the highest MRN given out. MRNs have one
 * width, so the highest text is the highest number (and the UNIQUE index
 * on mrn answers at once). */
static gboolean
read_next_mrn_sequence (sqlite3  *db,
                        guint64  *next,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *highest;
  guint64 sequence = 0;
  int rc;

  stmt = _tonic_store_prepare (db, "SELECT MAX(mrn) FROM patient", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the medical record numbers"));
      return FALSE;
    }

  highest = (const char *) sqlite3_column_text (stmt, 0);
  if (highest != NULL && !tonic_mrn_parse (highest, &sequence))
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT,
                           _("The database file is damaged: a medical record number is not "
                             "valid"));
      return FALSE;
    }

  *next = sequence + 1;

  return TRUE;
}

static char *
format_mrn (guint64   sequence,
            GError  **error)
{
  char *mrn = sequence <= TONIC_MRN_SEQUENCE_MAX ? tonic_mrn_format (sequence) : NULL;

  if (mrn == NULL)
    g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_FAILED,
                         _("Every medical record number has been given out"));

  return mrn;
}

static gboolean
check_mrn_free (sqlite3     *db,
                const char  *mrn,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tonic_store_prepare (db, "SELECT id FROM patient WHERE mrn = ?1", error);
  if (stmt == NULL || !_tonic_store_bind_text (db, stmt, 1, mrn, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_EXISTS,
                   _("The medical record number %s belongs to another patient"), mrn);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the medical record numbers"));
      return FALSE;
    }

  return TRUE;
}

/* -- The signed-in staff member ------------------------------------------------- */

gboolean
_tonic_store_read_access (TonicStore        *self,
                          sqlite3           *db,
                          TonicStoreAccess  *access,
                          GError           **error)
{
  g_autoptr(TonicStaff) actor = tonic_store_dup_actor (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean emergency = tonic_store_get_emergency (self);
  gboolean by_role;
  int rc;

  memset (access, 0, sizeof *access);

  if (actor == NULL)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED, _("Sign in first"));
      return FALSE;
    }

  access->actor_id = tonic_staff_get_id (actor);

  stmt = _tonic_store_prepare (db, "SELECT role FROM staff WHERE id = ?1 AND active = 1", error);
  if (stmt == NULL || !_tonic_store_bind_int64 (db, stmt, 1, access->actor_id, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED, _("Sign in first"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the staff list"));
      return FALSE;
    }

  if (!tonic_role_from_string ((const char *) sqlite3_column_text (stmt, 0), &access->role))
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT,
                           _("The database file is damaged: a staff member has an "
                             "unknown role"));
      return FALSE;
    }

  by_role = tonic_permission_allows (access->role, TONIC_ACTION_CLINICAL_VIEW);
  access->clinical_view = by_role ||
                          (emergency &&
                           tonic_permission_allows_in_emergency (TONIC_ACTION_CLINICAL_VIEW));
  access->clinical_view_emergency = access->clinical_view && !by_role;
  access->clinical_edit = tonic_permission_allows (access->role, TONIC_ACTION_CLINICAL_EDIT) ||
                          (emergency &&
                           tonic_permission_allows_in_emergency (TONIC_ACTION_CLINICAL_EDIT));

  return TRUE;
}

gboolean
_tonic_store_patient_exists (sqlite3   *db,
                             gint64     patient_id,
                             gboolean  *exists,
                             gboolean  *archived,
                             GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *exists = FALSE;
  if (archived != NULL)
    *archived = FALSE;

  stmt = _tonic_store_prepare (db, "SELECT archived FROM patient WHERE id = ?1", error);
  if (stmt == NULL || !_tonic_store_bind_int64 (db, stmt, 1, patient_id, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *exists = TRUE;
      if (archived != NULL)
        *archived = sqlite3_column_int (stmt, 0) != 0;
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the patient"));
      return FALSE;
    }

  return TRUE;
}

gboolean
_tonic_store_require_patient (sqlite3   *db,
                              gint64     patient_id,
                              gboolean  *archived,
                              GError   **error)
{
  gboolean exists = FALSE;

  if (!_tonic_store_patient_exists (db, patient_id, &exists, archived, error))
    return FALSE;

  if (!exists)
    {
      set_patient_not_found (error);
      return FALSE;
    }

  return TRUE;
}

/* -- Finding patients ------------------------------------------------------- */

/* The local day @today ("YYYY-MM-DD"; NULL: today) as its date. */
static gboolean
local_date (const char  *today,
            char       **date,
            GError     **error)
{
  GDate parsed;

  if (today == NULL)
    tonic_date_set_today (&parsed);
  else if (!tonic_date_parse_iso (today, &parsed))
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("The day to show is not a date"));
      return FALSE;
    }

  *date = tonic_date_format_iso (&parsed);

  return TRUE;
}

/* The UTC moments that begin and end the local day @today ("YYYY-MM-DD";
 * NULL: today). */
static gboolean
local_day_range (const char  *today,
                 char       **from,
                 char       **until,
                 GError     **error)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  GDate date;

  if (today == NULL)
    tonic_date_set_today (&date);
  else if (!tonic_date_parse_iso (today, &date))
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("The day to show is not a date"));
      return FALSE;
    }

  start = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                 g_date_get_day (&date), 0, 0, 0);
  /* Where the clocks go forward at midnight, the day starts at 01:00. */
  if (start == NULL)
    start = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                   g_date_get_day (&date), 1, 0, 0);
  if (start == NULL)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("The day to show is not a date"));
      return FALSE;
    }

  end = g_date_time_add_days (start, 1);
  *from = tonic_time_format_utc (start);
  *until = tonic_time_format_utc (end);

  return TRUE;
}

/* A term to look up: a prefix range, or one exact term. */
typedef struct
{
  char     *term;
  gboolean  prefix;
} Lookup;

static void
clear_lookup (gpointer data)
{
  Lookup *lookup = data;

  g_clear_pointer (&lookup->term, g_free);
}

static void
add_lookup (GArray     *lookups,
            const char *kind,
            const char *value,
            gboolean    prefix)
{
  Lookup lookup = { g_strconcat (kind, value, NULL), prefix };

  g_array_append_val (lookups, lookup);
}

/* "SELECT patient_id FROM patient_search_term WHERE …" for @lookup. */
static void
add_term_select (Sql    *sql,
                 Lookup *lookup)
{
  if (lookup->prefix)
    {
      g_autofree char *end = _tonic_store_prefix_end (lookup->term);

      sql_add_text (sql, "SELECT patient_id FROM patient_search_term WHERE term >= ?",
                    lookup->term);
      sql_add_text (sql, " AND term < ?", end);
    }
  else
    sql_add_text (sql, "SELECT patient_id FROM patient_search_term WHERE term = ?",
                  lookup->term);
}

/* The terms the whole of @text stands for when it reads as an MRN, a date
 * of birth or phone digits. */
static void
add_alternatives (GArray     *lookups,
                  const char *text)
{
  TonicQueryKind kind = tonic_search_classify (text);

  if (kind & TONIC_QUERY_MRN)
    {
      g_autofree char *whole = tonic_mrn_normalize (text);
      g_autofree char *partial = whole == NULL ? tonic_mrn_normalize_partial (text) : NULL;

      if (whole != NULL)
        add_lookup (lookups, TONIC_TERM_MRN, whole, FALSE);
      else if (partial != NULL)
        add_lookup (lookups, TONIC_TERM_MRN, partial, TRUE);
    }

  if (kind & TONIC_QUERY_DATE)
    {
      GDate a, b;

      /* Either reading of an ambiguous date ("3/4/1980"). */
      if (tonic_search_parse_date (text, tonic_date_order_from_locale (), &a, &b))
        {
          g_autofree char *iso_a = tonic_date_format_iso (&a);

          add_lookup (lookups, TONIC_TERM_BIRTH, iso_a, FALSE);
          if (g_date_valid (&b))
            {
              g_autofree char *iso_b = tonic_date_format_iso (&b);

              add_lookup (lookups, TONIC_TERM_BIRTH, iso_b, FALSE);
            }
        }
    }

  if (kind & TONIC_QUERY_PHONE)
    {
      g_autofree char *digits = tonic_search_phone_digits (text);
      g_autofree char *reversed = g_strreverse (g_strdup (digits));
      const char *national = digits;

      /* The number from its start, or its last digits. */
      add_lookup (lookups, TONIC_TERM_PHONE, digits, TRUE);
      add_lookup (lookups, TONIC_TERM_PHONE_END, reversed, TRUE);

      /* A national number typed with its trunk 0 ("020 7946 0958") also
       * finds the number stored with its country code ("+44 20 7946 0958"). */
      while (*national == '0')
        national++;
      if (national != digits && strlen (national) >= TONIC_SEARCH_PHONE_DIGITS_MIN)
        {
          g_autofree char *national_reversed = g_strreverse (g_strdup (national));

          add_lookup (lookups, TONIC_TERM_PHONE_END, national_reversed, TRUE);
        }
    }
}

/* The search condition for what was typed: every word must begin one of a
 * patient's name terms, or the whole text must read as their MRN, date of
 * birth or phone number. Nothing is added when the text holds nothing to
 * look for.
 *
 * Words alone (the usual case) are one "p.id IN (…)" each, AND-ed: SQLite
 * answers each from the term index and checks the others' results by id.
 * With alternatives, one IN of a UNION, the words' INTERSECT nested in a
 * subquery (so that SQLite's left-to-right reading and PostgreSQL's
 * precedence of INTERSECT agree). @hint is "" or "+" (see QueryForm). */
static void
add_search (Sql        *sql,
            const char *text,
            const char *hint)
{
  g_autofree char *stripped = tonic_text_strip (text);
  g_autoptr(GArray) words = NULL;
  g_autoptr(GArray) alternatives = NULL;
  g_auto(GStrv) tokens = NULL;

  if (*stripped == '\0')
    return;

  words = g_array_new (FALSE, TRUE, sizeof (Lookup));
  g_array_set_clear_func (words, clear_lookup);
  alternatives = g_array_new (FALSE, TRUE, sizeof (Lookup));
  g_array_set_clear_func (alternatives, clear_lookup);

  tokens = tonic_search_tokens (stripped);
  for (guint i = 0; tokens[i] != NULL && i < MAX_QUERY_WORDS; i++)
    add_lookup (words, TONIC_TERM_NAME, tokens[i], TRUE);

  add_alternatives (alternatives, stripped);

  if (alternatives->len == 0)
    {
      for (guint i = 0; i < words->len; i++)
        {
          g_string_append_printf (sql->sql, " AND %sp.id IN (", hint);
          add_term_select (sql, &g_array_index (words, Lookup, i));
          g_string_append (sql->sql, ")");
        }
      return;
    }

  g_string_append_printf (sql->sql, " AND %sp.id IN (", hint);

  if (words->len == 1)
    {
      add_term_select (sql, &g_array_index (words, Lookup, 0));
      g_string_append (sql->sql, " UNION ");
    }
  else if (words->len > 1)
    {
      g_string_append (sql->sql, "SELECT patient_id FROM (");
      for (guint i = 0; i < words->len; i++)
        {
          if (i > 0)
            g_string_append (sql->sql, " INTERSECT ");
          add_term_select (sql, &g_array_index (words, Lookup, i));
        }
      g_string_append (sql->sql, ") AS w UNION ");
    }

  for (guint i = 0; i < alternatives->len; i++)
    {
      if (i > 0)
        g_string_append (sql->sql, " UNION ");
      add_term_select (sql, &g_array_index (alternatives, Lookup, i));
    }

  g_string_append (sql->sql, ")");
}

/* How a query's statement is to run. Counting looks the matches up in the
 * narrow patient_archived index (from its rowids, without reading rows).
 * A page of a list either starts from the matches and sorts them (DRIVE:
 * few matches) or walks the index of its order and keeps the matches
 * (WALK: many matches, or no search: only a page of rows is read). A
 * unary + keeps SQLite from using a column's index for a term, which is
 * how the two are told apart; the conditions are the same. */
typedef enum
{
  QUERY_COUNT,
  QUERY_LIST_DRIVE,
  QUERY_LIST_WALK,
} QueryForm;

/* A page of a list with at most this many matches starts from them. */
#define DRIVE_MAX_MATCHES 500

/* Whether a query filters on clinical content (indications, the course
 * fields), which needs CLINICAL_VIEW. */
static gboolean
query_is_clinical (QueryData *query)
{
  return query->indications != TONIC_INDICATION_NONE || query->phases != 0 ||
         query->overdue_scale || query->safety_alert;
}

/* Whether a query narrows the patients with a look-up (a search, an
 * indication, a day's appointments, a course field): then how many match
 * decides how a page is read. */
static gboolean
query_has_lookups (QueryData *query)
{
  g_autofree char *text = tonic_text_strip (query->text);

  return *text != '\0' || query_is_clinical (query) || query->appointment_today;
}

/* The WHERE clause of a query: the same conditions for counting and
 * listing, so that the two always agree. */
static gboolean
add_query_filters (Sql        *sql,
                   QueryData  *query,
                   QueryForm   form,
                   GError    **error)
{
  const char *hint = form == QUERY_LIST_WALK ? "+" : "";

  switch (query->status)
    {
    case TONIC_PATIENT_STATUS_ACTIVE:
      sql_add_number (sql, form == QUERY_COUNT ? " AND p.archived = ?" : " AND +p.archived = ?",
                      0);
      break;
    case TONIC_PATIENT_STATUS_ARCHIVED:
      /* Few: always from the index. */
      sql_add_number (sql, " AND p.archived = ?", 1);
      break;
    case TONIC_PATIENT_STATUS_ANY:
    default:
      /* Always true; but it lets matches be counted from the
       * patient_archived index, without reading their rows. */
      if (form == QUERY_COUNT && query_has_lookups (query))
        {
          sql_add_number (sql, " AND p.archived IN (?", 0);
          sql_add_number (sql, ", ?)", 1);
        }
      break;
    }

  add_search (sql, query->text, hint);

  /* Any of the indications: their terms ("ind:" + id). */
  if (query->indications != TONIC_INDICATION_NONE)
    {
      guint n = 0;

      g_string_append_printf (sql->sql, " AND %sp.id IN (SELECT patient_id FROM"
                                        " patient_search_term WHERE term IN (", hint);
      for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
        {
          TonicIndication indication = tonic_indication_nth (i);
          g_autofree char *term = NULL;

          if (!(query->indications & indication))
            continue;

          term = g_strconcat (TONIC_TERM_INDICATION, tonic_indication_to_string (indication), NULL);
          sql_add_text (sql, n++ > 0 ? ", ?" : "?", term);
        }
      g_string_append (sql->sql, "))");
    }

  /* The course fields, each from its index: patient_course_phase,
   * and the partial indexes of the few patients with a due date or an
   * alert (whose conditions the statement repeats, literally, for SQLite
   * to use them). */
  if (query->phases != 0)
    {
      guint n = 0;

      g_string_append_printf (sql->sql, " AND %sp.course_phase IN (", hint);
      for (guint i = 0; i <= TONIC_COURSE_PHASE_ENDED; i++)
        if (query->phases & (1u << i))
          sql_add_text (sql, n++ > 0 ? ", ?" : "?", tonic_course_phase_to_string (i));
      g_string_append (sql->sql, ")");
    }

  if (query->overdue_scale)
    {
      g_autofree char *today = NULL;

      if (!local_date (query->today, &today, error))
        return FALSE;

      g_string_append_printf (sql->sql, " AND %sp.id IN (SELECT d.id FROM patient d"
                                        " WHERE d.scale_due_on <> ''", hint);
      sql_add_text (sql, " AND d.scale_due_on < ?)", today);
    }

  if (query->safety_alert)
    g_string_append_printf (sql->sql, " AND %sp.id IN (SELECT s.id FROM patient s"
                                      " WHERE s.safety_alert = 1)", hint);

  if (query->appointment_today)
    {
      g_autofree char *from = NULL;
      g_autofree char *until = NULL;

      if (!local_day_range (query->today, &from, &until, error))
        return FALSE;

      g_string_append_printf (sql->sql, " AND %sp.id IN (SELECT a.patient_id FROM appointment a",
                              hint);
      sql_add_text (sql, " WHERE a.start_at >= ?", from);
      sql_add_text (sql, " AND a.start_at < ?", until);
      sql_add_text (sql, " AND a.state <> ?)",
                    tonic_appointment_state_to_string (TONIC_APPOINTMENT_STATE_CANCELLED));
    }

  return TRUE;
}


static const char *
order_by (TonicPatientSort sort)
{
  switch (sort)
    {
    case TONIC_PATIENT_SORT_MRN:
      return " ORDER BY p.mrn";
    case TONIC_PATIENT_SORT_DATE_OF_BIRTH:
      return " ORDER BY p.date_of_birth, p.sort_name, p.mrn";
    case TONIC_PATIENT_SORT_RECENT:
      return " ORDER BY p.updated_at DESC, p.mrn DESC";
    case TONIC_PATIENT_SORT_NAME:
    default:
      return " ORDER BY p.sort_name, p.mrn";
    }
}

/* The checks of a query: PATIENT_VIEW, and CLINICAL_VIEW to filter by
 * indication or course (an emergency use of it is recorded). */
static gboolean
require_query (TonicStore        *self,
               sqlite3           *db,
               QueryData         *query,
               TonicStoreAccess  *access,
               GError           **error)
{
  gboolean emergency = FALSE;

  if (!_tonic_store_require (self, db, TONIC_ACTION_PATIENT_VIEW, NULL, error))
    return FALSE;

  if (query_is_clinical (query) &&
      (!_tonic_store_require (self, db, TONIC_ACTION_CLINICAL_VIEW, &emergency, error) ||
       (emergency &&
        !_tonic_store_record_emergency_read (self, db, 0, "clinical filter", error))))
    return FALSE;

  return _tonic_store_read_access (self, db, access, error);
}

/* The statement that selects @columns ("count(*)", PATIENT_COLUMNS…) of
 * the patients @query asks for, in @sql (sql_init()ed here, after
 * @prefix; sql_clear() it); a list's in its order, a page of it. */
static gboolean
build_query (QueryData  *query,
             QueryForm   form,
             const char *prefix,
             const char *columns,
             Sql        *sql,
             GError    **error)
{
  sql_init (sql, prefix);

  if (form == QUERY_LIST_DRIVE)
    {
      /* The few matches found as counting finds them, from indexes alone;
       * only then their rows read and sorted. */
      g_string_append_printf (sql->sql, "SELECT %s FROM patient p WHERE p.id IN"
                                        " (SELECT p.id FROM patient p WHERE 1 = 1", columns);
      if (!add_query_filters (sql, query, QUERY_COUNT, error))
        return FALSE;
      g_string_append (sql->sql, ")");
    }
  else
    {
      g_string_append_printf (sql->sql, "SELECT %s FROM patient p WHERE 1 = 1", columns);
      if (!add_query_filters (sql, query, form, error))
        return FALSE;
    }

  if (form != QUERY_COUNT)
    {
      g_string_append (sql->sql, order_by (query->sort));
      sql_add_number (sql, " LIMIT ?", query->limit);
      sql_add_number (sql, " OFFSET ?", query->offset);
    }

  return TRUE;
}

/* How many patients match @query; with @at_most > 0, counting stops
 * there (enough to choose how to read a page). */
static gboolean
count_matches (sqlite3    *db,
               QueryData  *query,
               guint       at_most,
               guint      *count,
               GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Sql sql;
  int rc;

  if (at_most > 0)
    {
      if (build_query (query, QUERY_COUNT, "SELECT count(*) FROM (", "p.id", &sql, error))
        {
          sql_add_number (&sql, " LIMIT ?) AS m", at_most);
          stmt = sql_prepare (db, &sql, error);
        }
    }
  else if (build_query (query, QUERY_COUNT, "", "count(*)", &sql, error))
    stmt = sql_prepare (db, &sql, error);
  sql_clear (&sql);

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, _("Could not count the patients"));
      return FALSE;
    }

  *count = (guint) MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT);

  return TRUE;
}

/* How a page of @query is best read (see QueryForm). */
static gboolean
choose_list_form (sqlite3    *db,
                  QueryData  *query,
                  QueryForm  *form,
                  GError    **error)
{
  guint count = 0;

  *form = QUERY_LIST_WALK;

  if (!query_has_lookups (query))
    return TRUE;

  if (!count_matches (db, query, DRIVE_MAX_MATCHES + 1, &count, error))
    return FALSE;

  if (count <= DRIVE_MAX_MATCHES)
    *form = QUERY_LIST_DRIVE;

  return TRUE;
}

static void
count_patients_job (TonicStore *self,
                    sqlite3    *db,
                    GTask      *task,
                    gpointer    data)
{
  QueryData *query = data;
  g_autoptr(GError) error = NULL;
  TonicStoreAccess access;
  guint count = 0;

  if (!require_query (self, db, query, &access, &error) ||
      !count_matches (db, query, 0, &count, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_int (task, (gssize) count);
}

static void
list_patients_job (TonicStore *self,
                   sqlite3    *db,
                   GTask      *task,
                   gpointer    data)
{
  QueryData *query = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GError) error = NULL;
  TonicStoreAccess access;
  QueryForm form = QUERY_LIST_WALK;
  Sql sql;

  if (!require_query (self, db, query, &access, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!choose_list_form (db, query, &form, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (build_query (query, form, "", PATIENT_COLUMNS, &sql, &error))
    stmt = sql_prepare (db, &sql, &error);
  sql_clear (&sql);

  if (stmt == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  patients = read_patients (db, stmt, access.clinical_view, &error);
  if (patients == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&patients), (GDestroyNotify) g_ptr_array_unref);
}

typedef struct
{
  TonicStore       *store;
  TonicStoreAccess *access;
  gint64            patient_id;
} OpenTxn;

static gboolean
open_patient_txn (sqlite3  *db,
                  gpointer  user_data,
                  GError  **error)
{
  OpenTxn *txn = user_data;

  return append_patient_audit (txn->store, db, txn->access->actor_id, "chart.open",
                               txn->patient_id, "patient", txn->patient_id, NULL,
                               txn->access->clinical_view_emergency, error);
}

static void
open_patient_job (TonicStore *self,
                  sqlite3    *db,
                  GTask      *task,
                  gpointer    data)
{
  PatientData *request = data;
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  TonicStoreAccess access;
  OpenTxn txn = { self, &access, request->patient_id };

  if (!_tonic_store_require (self, db, TONIC_ACTION_PATIENT_VIEW, NULL, &error) ||
      !_tonic_store_read_access (self, db, &access, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  patient = read_patient (db, request->patient_id, access.clinical_view, &error);
  if (patient == NULL ||
      !_tonic_store_transaction (db, open_patient_txn, &txn, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&patient), g_object_unref);
}

static void
find_duplicates_job (TonicStore *self,
                     sqlite3    *db,
                     GTask      *task,
                     gpointer    data)
{
  PatientData *request = data;
  g_autofree char *name_key = tonic_search_fold (request->legal_name);
  g_autofree char *date_of_birth = tonic_text_strip (request->date_of_birth);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GError) error = NULL;
  TonicStoreAccess access;

  if (!_tonic_store_require (self, db, TONIC_ACTION_PATIENT_VIEW, NULL, &error) ||
      !_tonic_store_read_access (self, db, &access, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (*name_key == '\0' || *date_of_birth == '\0')
    {
      g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  stmt = _tonic_store_prepare (db,
                               "SELECT " PATIENT_COLUMNS " FROM patient p"
                               " WHERE p.name_key = ?1 AND p.date_of_birth = ?2 AND p.id <> ?3"
                               " ORDER BY p.mrn",
                               &error);
  if (stmt == NULL ||
      !_tonic_store_bind_text (db, stmt, 1, name_key, &error) ||
      !_tonic_store_bind_text (db, stmt, 2, date_of_birth, &error) ||
      !_tonic_store_bind_int64 (db, stmt, 3, request->patient_id, &error) ||
      (patients = read_patients (db, stmt, access.clinical_view, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&patients), (GDestroyNotify) g_ptr_array_unref);
}

/* -- Changing patients ----------------------------------------------------- */

typedef struct
{
  TonicStore       *store;
  TonicStoreAccess *access;
  PatientRow       *row;
  TonicPatient     *result;
} PatientTxn;

static gboolean
create_patient_txn (sqlite3  *db,
                    gpointer  user_data,
                    GError  **error)
{
  PatientTxn *txn = user_data;
  PatientRow *row = txn->row;
  g_autofree char *now = tonic_text_now_utc ();
  PatientWriter writer;
  gboolean ok;

  if (*row->fields.mrn != '\0')
    {
      if (!check_mrn_free (db, row->fields.mrn, error))
        return FALSE;
    }
  else
    {
      guint64 sequence = 0;
      char *mrn;

      if (!read_next_mrn_sequence (db, &sequence, error) ||
          (mrn = format_mrn (sequence, error)) == NULL)
        return FALSE;
      patient_row_set_mrn (row, mrn);
    }

  row->fields.archived = FALSE;
  row->id = 0;

  patient_writer_init (&writer, db);
  ok = patient_writer_insert (&writer, &row, 1, now, error) &&
       patient_writer_write_terms (&writer, &row, 1, FALSE, error);
  patient_writer_clear (&writer);

  if (!ok ||
      !append_patient_audit (txn->store, db, txn->access->actor_id, "patient.create", row->id,
                             "patient", row->id, NULL, FALSE, error))
    return FALSE;

  txn->result = read_patient (db, row->id, txn->access->clinical_view, error);

  return txn->result != NULL;
}

static void
create_patient_job (TonicStore *self,
                    sqlite3    *db,
                    GTask      *task,
                    gpointer    data)
{
  PatientRequest *request = data;
  g_autoptr(GError) error = NULL;
  TonicStoreAccess access;
  PatientRow row;
  PatientTxn txn = { self, &access, &row, NULL };
  gboolean ok;

  if (!_tonic_store_require (self, db, TONIC_ACTION_PATIENT_EDIT, NULL, &error) ||
      (has_clinical_fields (&request->fields) &&
       !_tonic_store_require (self, db, TONIC_ACTION_CLINICAL_EDIT, NULL, &error)) ||
      !_tonic_store_read_access (self, db, &access, &error) ||
      !check_patient (&request->fields, NULL, 0, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  patient_row_init (&row, &request->fields);
  ok = _tonic_store_transaction (db, create_patient_txn, &txn, &error);
  patient_row_clear (&row);

  if (!ok)
    {
      g_clear_object (&txn.result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("Patient %" G_GINT64_FORMAT " created", tonic_patient_get_id (txn.result));
  g_task_return_pointer (task, txn.result, g_object_unref);
}

/* The ids of the fields that differ, joined by ", ". */
static char *
describe_changes (const TonicPatientFields *old,
                  const TonicPatientFields *new)
{
  GString *changed = g_string_new (NULL);
  gboolean differs[TONIC_N_PATIENT_FIELDS] = { FALSE };

  for (guint i = 0; i < N_TEXT_COLUMNS; i++)
    {
      const char *a = TEXT_MEMBER (old, i);
      const char *b = TEXT_MEMBER (new, i);

      differs[text_columns[i].field] = g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") != 0;
    }
  differs[TONIC_PATIENT_FIELD_SEX] = old->sex != new->sex;
  differs[TONIC_PATIENT_FIELD_INDICATIONS] = old->indications != new->indications;

  /* In form order. */
  for (guint i = 0; i < TONIC_N_PATIENT_FIELDS; i++)
    if (differs[i])
      g_string_append_printf (changed, "%s%s", changed->len > 0 ? ", " : "",
                              tonic_patient_field_to_string (i));

  return g_string_free (changed, FALSE);
}

static gboolean
update_patient_txn (sqlite3  *db,
                    gpointer  user_data,
                    GError  **error)
{
  PatientTxn *txn = user_data;
  g_autoptr(TonicPatient) current = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = tonic_text_now_utc ();
  g_autofree char *changes = NULL;
  g_autoptr(GString) sql = g_string_new ("UPDATE patient SET updated_at = ?1, sex = ?2,"
                                         " indications = ?3");
  TonicPatientFields old;
  TonicPatientFields f = txn->row->fields;
  PatientRow row;
  PatientRow *rows[1] = { &row };
  PatientWriter writer;
  gboolean ok;
  int param = 4;

  current = read_patient (db, f.id, TRUE, error);
  if (current == NULL)
    return FALSE;

  tonic_patient_get_fields (current, &old);

  /* The MRN never changes; archiving is a call of its own. */
  f.mrn = old.mrn;
  f.archived = old.archived;

  /* Theirs are ignored, the stored ones kept. */
  if (!txn->access->clinical_edit)
    {
      f.indications = old.indications;
      f.allergies = old.allergies;
    }

  changes = describe_changes (&old, &f);
  if (*changes == '\0')
    {
      txn->result = read_patient (db, f.id, txn->access->clinical_view, error);
      return txn->result != NULL;
    }

  for (guint i = 0; i < N_TEXT_COLUMNS; i++)
    g_string_append_printf (sql, ", %s = ?%d", text_columns[i].column, param++);
  g_string_append_printf (sql, ", sort_name = ?%d", param++);
  g_string_append_printf (sql, ", name_key = ?%d", param++);
  g_string_append_printf (sql, " WHERE id = ?%d", param);
  g_assert (param == 2 + N_BOUND_COLUMNS);

  patient_row_init (&row, &f);
  row.id = f.id;

  stmt = _tonic_store_prepare (db, sql->str, error);
  ok = stmt != NULL &&
       _tonic_store_bind_text (db, stmt, 1, now, error) &&
       patient_bind_columns (db, stmt, 2, &row, error) &&
       _tonic_store_bind_int64 (db, stmt, param, f.id, error) &&
       _tonic_store_step_done (db, stmt, error);

  patient_writer_init (&writer, db);
  ok = ok && patient_writer_write_terms (&writer, rows, 1, TRUE, error);
  patient_writer_clear (&writer);

  /* The statement holds the row's text until it is finalized. */
  g_clear_pointer (&stmt, sqlite3_finalize);
  patient_row_clear (&row);

  if (!ok ||
      !append_patient_audit (txn->store, db, txn->access->actor_id, "patient.edit", f.id,
                             "patient", f.id, changes, FALSE, error))
    return FALSE;

  txn->result = read_patient (db, f.id, txn->access->clinical_view, error);

  return txn->result != NULL;
}

static void
update_patient_job (TonicStore *self,
                    sqlite3    *db,
                    GTask      *task,
                    gpointer    data)
{
  PatientRequest *request = data;
  g_autoptr(GError) error = NULL;
  TonicPatientFields checked;
  TonicStoreAccess access;
  PatientRow row;
  PatientTxn txn = { self, &access, &row, NULL };
  gboolean ok;

  if (!_tonic_store_require (self, db, TONIC_ACTION_PATIENT_EDIT, NULL, &error) ||
      !_tonic_store_read_access (self, db, &access, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* What is not saved is not checked: the MRN, and the clinical fields of
   * a role that cannot change them (which it was given emptied). */
  checked = request->fields;
  checked.mrn = NULL;
  if (!access.clinical_edit)
    {
      checked.indications = TONIC_INDICATION_NONE;
      checked.allergies = NULL;
    }

  if (!check_patient (&checked, NULL, 0, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  patient_row_init (&row, &checked);
  ok = _tonic_store_transaction (db, update_patient_txn, &txn, &error);
  patient_row_clear (&row);

  if (!ok)
    {
      g_clear_object (&txn.result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, txn.result, g_object_unref);
}

typedef struct
{
  TonicStore       *store;
  TonicStoreAccess *access;
  PatientData      *request;
  TonicPatient     *result;
} ArchiveTxn;

static gboolean
set_archived_txn (sqlite3  *db,
                  gpointer  user_data,
                  GError  **error)
{
  ArchiveTxn *txn = user_data;
  gint64 patient_id = txn->request->patient_id;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = tonic_text_now_utc ();
  gboolean archived = FALSE;

  if (!_tonic_store_require_patient (db, patient_id, &archived, error))
    return FALSE;

  if (archived != txn->request->archived)
    {
      stmt = _tonic_store_prepare (db,
                                   "UPDATE patient SET archived = ?1, updated_at = ?2"
                                   " WHERE id = ?3",
                                   error);
      if (stmt == NULL ||
          !_tonic_store_bind_int64 (db, stmt, 1, txn->request->archived ? 1 : 0, error) ||
          !_tonic_store_bind_text (db, stmt, 2, now, error) ||
          !_tonic_store_bind_int64 (db, stmt, 3, patient_id, error) ||
          !_tonic_store_step_done (db, stmt, error) ||
          !append_patient_audit (txn->store, db, txn->access->actor_id,
                                 txn->request->archived ? "patient.archive" : "patient.restore",
                                 patient_id, "patient", patient_id, NULL, FALSE, error))
        return FALSE;
    }

  txn->result = read_patient (db, patient_id, txn->access->clinical_view, error);

  return txn->result != NULL;
}

static void
set_archived_job (TonicStore *self,
                  sqlite3    *db,
                  GTask      *task,
                  gpointer    data)
{
  g_autoptr(GError) error = NULL;
  TonicStoreAccess access;
  ArchiveTxn txn = { self, &access, data, NULL };

  if (!_tonic_store_require (self, db, TONIC_ACTION_PATIENT_EDIT, NULL, &error) ||
      !_tonic_store_read_access (self, db, &access, &error) ||
      !_tonic_store_transaction (db, set_archived_txn, &txn, &error))
    {
      g_clear_object (&txn.result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, txn.result, g_object_unref);
}

/* -- Medications and weights ---------------------------------------------- */

gboolean
_tonic_store_require_clinical_read (TonicStore  *self,
                                    sqlite3     *db,
                                    gint64       patient_id,
                                    const char  *what,
                                    GError     **error)
{
  gboolean emergency = FALSE;

  return _tonic_store_require (self, db, TONIC_ACTION_CLINICAL_VIEW, &emergency, error) &&
         _tonic_store_require_patient (db, patient_id, NULL, error) &&
         (!emergency || _tonic_store_record_emergency_read (self, db, patient_id, what, error));
}

static void
list_medications_job (TonicStore *self,
                      sqlite3    *db,
                      GTask      *task,
                      gpointer    data)
{
  PatientData *request = data;
  g_autoptr(GPtrArray) medications = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  if (!_tonic_store_require_clinical_read (self, db, request->patient_id, "medications",
                                           &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stmt = _tonic_store_prepare (db,
                               "SELECT id, name, dose, classes FROM medication"
                               " WHERE patient_id = ?1 ORDER BY list_position, id",
                               &error);
  if (stmt == NULL || !_tonic_store_bind_int64 (db, stmt, 1, request->patient_id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TonicDrugClass classes = TONIC_DRUG_CLASS_NONE;

      /* Unknown classes (from a newer Tonic) are left out. */
      tonic_drug_class_parse_mask ((const char *) sqlite3_column_text (stmt, 3), &classes);
      g_ptr_array_add (medications,
                       tonic_medication_new (sqlite3_column_int64 (stmt, 0),
                                             (const char *) sqlite3_column_text (stmt, 1),
                                             (const char *) sqlite3_column_text (stmt, 2),
                                             classes));
    }

  if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (&error, db, rc, _("Could not read the medications"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&medications),
                         (GDestroyNotify) g_ptr_array_unref);
}

typedef struct
{
  TonicStore  *store;
  gint64       actor_id;
  PatientData *request;
} ClinicalTxn;

static gboolean
set_medications_txn (sqlite3  *db,
                     gpointer  user_data,
                     GError  **error)
{
  ClinicalTxn *txn = user_data;
  PatientData *request = txn->request;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = tonic_text_now_utc ();
  g_autofree char *detail = NULL;

  if (!_tonic_store_require_patient (db, request->patient_id, NULL, error))
    return FALSE;

  stmt = _tonic_store_prepare (db, "DELETE FROM medication WHERE patient_id = ?1", error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, request->patient_id, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _tonic_store_prepare (db,
                               "INSERT INTO medication (uuid, patient_id, name, dose, classes,"
                               "                        list_position, created_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < request->medications->len; i++)
    {
      TonicMedication *medication = g_ptr_array_index (request->medications, i);
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *name = tonic_text_strip (tonic_medication_get_name (medication));
      g_autofree char *dose = tonic_text_strip (tonic_medication_get_dose (medication));
      g_autofree char *classes = tonic_drug_class_format_mask (tonic_medication_get_classes (medication));

      sqlite3_reset (stmt);
      if (!_tonic_store_bind_text (db, stmt, 1, uuid, error) ||
          !_tonic_store_bind_int64 (db, stmt, 2, request->patient_id, error) ||
          !_tonic_store_bind_text (db, stmt, 3, name, error) ||
          !_tonic_store_bind_text (db, stmt, 4, dose, error) ||
          !_tonic_store_bind_text (db, stmt, 5, classes, error) ||
          !_tonic_store_bind_int64 (db, stmt, 6, i, error) ||
          !_tonic_store_bind_text (db, stmt, 7, now, error) ||
          !_tonic_store_step_done (db, stmt, error))
        return FALSE;
    }

  detail = g_strdup_printf ("%u medications", request->medications->len);

  return append_patient_audit (txn->store, db, txn->actor_id, "medications.edit",
                               request->patient_id, "patient", request->patient_id, detail,
                               FALSE, error);
}

static void
set_medications_job (TonicStore *self,
                     sqlite3    *db,
                     GTask      *task,
                     gpointer    data)
{
  PatientData *request = data;
  g_autoptr(GError) error = NULL;
  TonicStoreAccess access;
  ClinicalTxn txn = { self, 0, request };

  if (!_tonic_store_require (self, db, TONIC_ACTION_CLINICAL_EDIT, NULL, &error) ||
      !_tonic_store_read_access (self, db, &access, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (request->medications->len > MAX_MEDICATIONS)
    {
      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                               _("A patient can have at most %d current medications"),
                               MAX_MEDICATIONS);
      return;
    }

  for (guint i = 0; i < request->medications->len; i++)
    {
      TonicMedication *medication = g_ptr_array_index (request->medications, i);

      const char *name = tonic_medication_get_name (medication);
      const char *dose = tonic_medication_get_dose (medication);

      if (_tonic_store_refuse_invalid (&error, tonic_medication_check_name (name)) ||
          _tonic_store_refuse_invalid (&error, tonic_medication_check_dose (dose)))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if ((tonic_medication_get_classes (medication) & ~TONIC_DRUG_CLASS_ALL) != 0)
        {
          g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                                   _("Choose from the listed kinds of medication"));
          return;
        }
    }

  txn.actor_id = access.actor_id;

  if (!_tonic_store_transaction (db, set_medications_txn, &txn, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
tonic_weight_free (TonicWeight *weight)
{
  if (weight == NULL)
    return;

  g_free (weight->measured_at);
  g_free (weight);
}

static void
list_weights_job (TonicStore *self,
                  sqlite3    *db,
                  GTask      *task,
                  gpointer    data)
{
  PatientData *request = data;
  g_autoptr(GPtrArray) weights = g_ptr_array_new_with_free_func ((GDestroyNotify) tonic_weight_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  if (!_tonic_store_require_clinical_read (self, db, request->patient_id, "weights", &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stmt = _tonic_store_prepare (db,
                               "SELECT id, kilograms, measured_at, staff_id FROM weight"
                               " WHERE patient_id = ?1 ORDER BY measured_at DESC, id DESC",
                               &error);
  if (stmt == NULL || !_tonic_store_bind_int64 (db, stmt, 1, request->patient_id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TonicWeight *weight = g_new0 (TonicWeight, 1);

      weight->id = sqlite3_column_int64 (stmt, 0);
      weight->kilograms = sqlite3_column_double (stmt, 1);
      weight->measured_at = _tonic_store_dup_text (stmt, 2);
      weight->staff_id = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (weights, weight);
    }

  if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (&error, db, rc, _("Could not read the weights"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&weights), (GDestroyNotify) g_ptr_array_unref);
}

gboolean
_tonic_store_insert_weight (TonicStore  *self,
                            sqlite3     *db,
                            gint64       actor_id,
                            gint64       patient_id,
                            double       kilograms,
                            const char  *measured_at,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = tonic_text_now_utc ();

  stmt = _tonic_store_prepare (db,
                               "INSERT INTO weight (uuid, patient_id, kilograms, measured_at,"
                               "                    staff_id, created_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_text (db, stmt, 1, uuid, error) ||
      !_tonic_store_bind_int64 (db, stmt, 2, patient_id, error) ||
      !_tonic_store_bind_double (db, stmt, 3, kilograms, error) ||
      !_tonic_store_bind_text (db, stmt, 4, measured_at, error) ||
      !_tonic_store_bind_int64 (db, stmt, 5, actor_id, error) ||
      !_tonic_store_bind_text (db, stmt, 6, now, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;

  return append_patient_audit (self, db, actor_id, "weight.add", patient_id, "weight",
                               sqlite3_last_insert_rowid (db), NULL, FALSE, error);
}

static gboolean
add_weight_txn (sqlite3  *db,
                gpointer  user_data,
                GError  **error)
{
  ClinicalTxn *txn = user_data;
  PatientData *request = txn->request;
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(GDateTime) measured = tonic_time_parse_utc (request->measured_at);
  g_autoptr(GDateTime) local = NULL;
  GDate birth, day;

  patient = read_patient (db, request->patient_id, FALSE, error);
  if (patient == NULL)
    return FALSE;

  /* Weighed on the day of birth at the earliest, on the local calendar. */
  local = g_date_time_to_local (measured);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  if (tonic_patient_get_birth_date (patient, &birth) && g_date_compare (&day, &birth) < 0)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("A weight cannot be measured before the date of birth"));
      return FALSE;
    }

  return _tonic_store_insert_weight (txn->store, db, txn->actor_id, request->patient_id,
                                    request->kilograms, request->measured_at, error);
}

static void
add_weight_job (TonicStore *self,
                sqlite3    *db,
                GTask      *task,
                gpointer    data)
{
  PatientData *request = data;
  g_autoptr(GDateTime) measured = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  TonicStoreAccess access;
  ClinicalTxn txn = { self, 0, request };

  if (!_tonic_store_require (self, db, TONIC_ACTION_CLINICAL_EDIT, NULL, &error) ||
      !_tonic_store_read_access (self, db, &access, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!isfinite (request->kilograms) ||
      request->kilograms < WEIGHT_MIN_KG || request->kilograms > WEIGHT_MAX_KG)
    {
      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                               _("Enter a weight from %d to %d kg"),
                               (int) WEIGHT_MIN_KG, (int) WEIGHT_MAX_KG);
      return;
    }

  /* Kept to 0.1 kg, what a scale shows. */
  request->kilograms = round (request->kilograms * 10.0) / 10.0;

  measured = request->measured_at != NULL ? tonic_time_parse_utc (request->measured_at)
                                          : g_date_time_ref (now);
  if (measured == NULL)
    {
      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                               _("The time of the measurement is not a valid time"));
      return;
    }

  /* Whole seconds, as stored. */
  if (g_date_time_to_unix (measured) > g_date_time_to_unix (now))
    {
      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                               _("A weight cannot be measured in the future"));
      return;
    }

  g_free (request->measured_at);
  request->measured_at = tonic_time_format_utc (measured);
  txn.actor_id = access.actor_id;

  if (!_tonic_store_transaction (db, add_weight_txn, &txn, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* -- Importing ------------------------------------------------------------ */

typedef struct
{
  TonicStore    *store;
  gint64         actor_id;
  ImportData    *import;
  PatientWriter *writer;
  sqlite3_stmt  *insert_appointment;
  /* Appointments grouped by patient index (see import_job()). */
  guint         *first_appointment;
  guint         *appointment_order;
  guint          start;
  guint          end;
} ImportTxn;

static gboolean
read_max_patient_id (sqlite3  *db,
                     gint64   *max_id,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tonic_store_prepare (db, "SELECT MAX(id) FROM patient", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the patient list"));
      return FALSE;
    }

  *max_id = sqlite3_column_int64 (stmt, 0);

  return TRUE;
}

/* Patients @first … @first + @n - 1 of the import, written with their
 * terms and appointments. */
static gboolean
import_group (sqlite3     *db,
              ImportTxn   *txn,
              guint        first,
              guint        n,
              guint64     *sequence,
              gint64      *next_id,
              const char  *now,
              guint       *n_appointments,
              GError     **error)
{
  PatientRow rows[PATIENTS_PER_STATEMENT];
  PatientRow *row_pointers[PATIENTS_PER_STATEMENT];
  gboolean ok = TRUE;

  g_assert (n <= PATIENTS_PER_STATEMENT);

  for (guint i = 0; i < n; i++)
    {
      TonicPatientFields given;

      tonic_patient_get_fields (g_ptr_array_index (txn->import->patients, first + i), &given);
      patient_row_init (&rows[i], &given);
      rows[i].id = (*next_id)++;
      row_pointers[i] = &rows[i];

      if (ok && *rows[i].fields.mrn == '\0')
        {
          char *mrn = format_mrn ((*sequence)++, error);

          if (mrn != NULL)
            patient_row_set_mrn (&rows[i], mrn);
          else
            ok = FALSE;
        }
    }

  ok = ok &&
       patient_writer_insert (txn->writer, row_pointers, n, now, error) &&
       patient_writer_write_terms (txn->writer, row_pointers, n, FALSE, error);

  for (guint i = 0; ok && i < n; i++)
    {
      for (guint j = txn->first_appointment[first + i];
           ok && j < txn->first_appointment[first + i + 1];
           j++)
        {
          TonicAppointment *appointment = g_ptr_array_index (txn->import->appointments,
                                                             txn->appointment_order[j]);
          TonicAppointmentFields a;
          gint64 appointment_id = 0;

          tonic_appointment_get_fields (appointment, &a);
          ok = _tonic_store_insert_appointment (db, txn->insert_appointment, &a, rows[i].id, now,
                                                &appointment_id, error);
          (*n_appointments)++;
        }
    }

  for (guint i = 0; i < n; i++)
    patient_row_clear (&rows[i]);

  return ok;
}

static gboolean
import_batch_txn (sqlite3  *db,
                  gpointer  user_data,
                  GError  **error)
{
  ImportTxn *txn = user_data;
  GPtrArray *patients = txn->import->patients;
  g_autofree char *now = tonic_text_now_utc ();
  g_autofree char *detail = NULL;
  guint64 sequence = 0;
  gint64 next_id = 0;
  guint n_appointments = 0;

  /* Ids given here, so that several patients go in one statement. */
  if (!read_next_mrn_sequence (db, &sequence, error) ||
      !read_max_patient_id (db, &next_id, error))
    return FALSE;
  next_id++;

  for (guint first = txn->start; first < txn->end; first += PATIENTS_PER_STATEMENT)
    {
      if (!import_group (db, txn, first, MIN (PATIENTS_PER_STATEMENT, txn->end - first),
                         &sequence, &next_id, now, &n_appointments, error))
        return FALSE;
    }

  detail = g_strdup_printf ("patients %u-%u of %u, %u appointments", txn->start + 1, txn->end,
                            patients->len, n_appointments);

  return _tonic_store_append_audit (txn->store, db, txn->actor_id, "patient.import", 0,
                                    "patient", NULL, TONIC_AUDIT_OK, detail, FALSE, error);
}

static gboolean
read_cache_size (sqlite3  *db,
                 gint64   *pages,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = _tonic_store_prepare (db, "PRAGMA cache_size", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, NULL);
      return FALSE;
    }

  *pages = sqlite3_column_int64 (stmt, 0);

  return TRUE;
}

static gboolean
set_cache_size (sqlite3  *db,
                gint64    pages,
                GError  **error)
{
  /* A number, not a value from outside. */
  g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, pages);

  return _tonic_store_exec (db, pragma, error);
}

/* The index into the patients of appointment @i (checked already). */
static guint
patient_index (ImportData *import,
               guint       i)
{
  return (guint) (tonic_appointment_get_patient_id (g_ptr_array_index (import->appointments, i)) - 1);
}

/* Everything is checked before anything is written. */
static gboolean
check_import (sqlite3     *db,
              ImportData  *import,
              GError     **error)
{
  int n_chairs = TONIC_DEFAULT_CHAIRS;
  GDate today;

  /* Once: finding the local date reads the time zone each time. */
  tonic_date_set_today (&today);

  for (guint i = 0; i < import->patients->len; i++)
    {
      TonicPatient *patient = g_ptr_array_index (import->patients, i);
      TonicPatientFields f;

      tonic_patient_get_fields (patient, &f);
      if (!check_patient (&f, &today, i + 1, error))
        return FALSE;
    }

  if (!_tonic_store_read_chairs (db, &n_chairs, error))
    return FALSE;

  for (guint i = 0; i < import->appointments->len; i++)
    {
      TonicAppointment *appointment = g_ptr_array_index (import->appointments, i);
      g_autofree char *message = NULL;
      TonicAppointmentFields a;

      tonic_appointment_get_fields (appointment, &a);
      if (a.patient_id < 1 || a.patient_id > import->patients->len)
        {
          g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                       _("Appointment %u is for a patient who is not imported"), i + 1);
          return FALSE;
        }

      if (!tonic_appointment_check (&a, n_chairs, NULL, &message))
        {
          /* Translators: an appointment of an import, counting from 1, and
           * what is wrong with it. */
          g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                       _("Appointment %u: %s"), i + 1, message);
          return FALSE;
        }
    }

  return TRUE;
}

static void
import_job (TonicStore *self,
            sqlite3    *db,
            GTask      *task,
            gpointer    data)
{
  ImportData *import = data;
  guint n_patients = import->patients->len;
  g_autofree guint *first_appointment = NULL;
  g_autofree guint *appointment_order = NULL;
  g_autofree guint *cursor = NULL;
  g_autoptr(sqlite3_stmt) insert_appointment = NULL;
  g_autoptr(GError) error = NULL;
  TonicStoreAccess access;
  PatientWriter writer;
  ImportTxn txn = { 0 };
  gint64 cache_size = 0;
  gint64 started = g_get_monotonic_time ();

  if (!_tonic_store_require (self, db, TONIC_ACTION_PATIENT_IMPORT, NULL, &error) ||
      !_tonic_store_read_access (self, db, &access, &error) ||
      !check_import (db, import, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The appointments grouped by patient, in the caller's order (a
   * counting sort), so that each batch writes its patients' appointments
   * with them: patient index i has appointment_order[first_appointment[i]]
   * up to, not including, appointment_order[first_appointment[i + 1]]. */
  first_appointment = g_new0 (guint, n_patients + 1);
  cursor = g_new0 (guint, n_patients + 1);
  appointment_order = g_new0 (guint, import->appointments->len + 1);
  for (guint i = 0; i < import->appointments->len; i++)
    first_appointment[patient_index (import, i) + 1]++;
  for (guint i = 0; i < n_patients; i++)
    first_appointment[i + 1] += first_appointment[i];
  memcpy (cursor, first_appointment, (n_patients + 1) * sizeof (guint));
  for (guint i = 0; i < import->appointments->len; i++)
    appointment_order[cursor[patient_index (import, i)]++] = i;

  insert_appointment = _tonic_store_prepare_appointment_insert (db, &error);
  if (insert_appointment == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A larger page cache while importing: the search index takes terms
   * all over it, and an encrypted page read again is decrypted again. */
  if (!read_cache_size (db, &cache_size, &error) ||
      !set_cache_size (db, IMPORT_CACHE_SIZE, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  patient_writer_init (&writer, db);

  txn.store = self;
  txn.actor_id = access.actor_id;
  txn.import = import;
  txn.writer = &writer;
  txn.insert_appointment = insert_appointment;
  txn.first_appointment = first_appointment;
  txn.appointment_order = appointment_order;

  for (guint start = 0; start < n_patients && error == NULL; start += IMPORT_BATCH_SIZE)
    {
      txn.start = start;
      txn.end = MIN (start + IMPORT_BATCH_SIZE, n_patients);

      if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
        _tonic_store_transaction (db, import_batch_txn, &txn, &error);
    }

  patient_writer_clear (&writer);
  set_cache_size (db, cache_size, NULL);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("Imported %u patients and %u appointments in %.1f s", n_patients,
           import->appointments->len, (g_get_monotonic_time () - started) / 1e6);
  g_task_return_boolean (task, TRUE);
}

/* -- Tests ----------------------------------------------------------------- */

static QueryData *query_data_new (const TonicPatientQuery *query,
                                  guint                    offset,
                                  guint                    limit);

char *
_tonic_store_explain_patients_query (sqlite3                  *db,
                                     const TonicPatientQuery  *query,
                                     gboolean                  count,
                                     GError                  **error)
{
  QueryData *data = query_data_new (query, 0, 100);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  Sql sql;
  int rc;

  QueryForm form = QUERY_COUNT;

  if (!count && !choose_list_form (db, data, &form, error))
    {
      query_data_free (data);
      return NULL;
    }

  if (build_query (data, form, "EXPLAIN QUERY PLAN ", count ? "count(*)" : PATIENT_COLUMNS,
                   &sql, error))
    stmt = sql_prepare (db, &sql, error);
  sql_clear (&sql);
  query_data_free (data);

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (plan, "%s%s", plan->len > 0 ? "\n" : "",
                            (const char *) sqlite3_column_text (stmt, 3));

  if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (error, db, rc, NULL);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&plan), FALSE);
}

/* -- Public API ---------------------------------------------------------------- */

static QueryData *
query_data_new (const TonicPatientQuery *query,
                guint                    offset,
                guint                    limit)
{
  QueryData *data = g_new0 (QueryData, 1);

  data->text = g_strdup (query->text);
  data->status = query->status;
  data->indications = query->indications;
  data->appointment_today = query->appointment_today;
  data->today = g_strdup (query->today);
  data->sort = query->sort;
  data->phases = query->phases;
  data->overdue_scale = !!query->overdue_scale;
  data->safety_alert = !!query->safety_alert;
  data->offset = offset;
  data->limit = limit;

  return data;
}

static gboolean
query_is_valid (const TonicPatientQuery *query)
{
  return query != NULL &&
         (guint) query->status <= TONIC_PATIENT_STATUS_ANY &&
         (guint) query->sort <= TONIC_PATIENT_SORT_RECENT &&
         (query->indications & ~TONIC_INDICATION_ALL) == 0 &&
         (query->phases & ~TONIC_COURSE_PHASES_ALL) == 0;
}

void
tonic_store_count_patients_async (TonicStore              *self,
                                  const TonicPatientQuery *query,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (query_is_valid (query));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, count_patients_job, query_data_new (query, 0, 0),
                          query_data_free, tonic_store_count_patients_async, cancellable,
                          callback, user_data);
}

guint
tonic_store_count_patients_finish (TonicStore    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  gssize count;

  g_return_val_if_fail (TONIC_IS_STORE (self), 0);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_count_patients_async),
                        0);

  count = g_task_propagate_int (G_TASK (result), error);

  return count > 0 ? (guint) count : 0;
}

void
tonic_store_list_patients_async (TonicStore              *self,
                                 const TonicPatientQuery *query,
                                 guint                    offset,
                                 guint                    limit,
                                 GCancellable            *cancellable,
                                 GAsyncReadyCallback      callback,
                                 gpointer                 user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (query_is_valid (query));
  g_return_if_fail (limit <= MAX_LIST_LIMIT);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, list_patients_job, query_data_new (query, offset, limit),
                          query_data_free, tonic_store_list_patients_async, cancellable,
                          callback, user_data);
}

GPtrArray *
tonic_store_list_patients_finish (TonicStore    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_list_patients_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static PatientData *
patient_data_new (gint64 patient_id)
{
  PatientData *data = g_new0 (PatientData, 1);

  data->patient_id = patient_id;

  return data;
}

void
tonic_store_open_patient_async (TonicStore          *self,
                                gint64               patient_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, open_patient_job, patient_data_new (patient_id),
                          patient_data_free, tonic_store_open_patient_async, cancellable,
                          callback, user_data);
}

TonicPatient *
tonic_store_open_patient_finish (TonicStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_open_patient_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_find_duplicates_async (TonicStore          *self,
                                   const char          *legal_name,
                                   const char          *date_of_birth,
                                   gint64               except_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  PatientData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (except_id >= 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = patient_data_new (except_id);
  data->legal_name = g_strdup (legal_name);
  data->date_of_birth = g_strdup (date_of_birth);

  _tonic_store_run_async (self, find_duplicates_job, data, patient_data_free,
                          tonic_store_find_duplicates_async, cancellable, callback, user_data);
}

GPtrArray *
tonic_store_find_duplicates_finish (TonicStore    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_find_duplicates_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_create_patient_async (TonicStore               *self,
                                  const TonicPatientFields *fields,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (fields != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, create_patient_job, patient_request_new (fields),
                          patient_request_free, tonic_store_create_patient_async, cancellable,
                          callback, user_data);
}

TonicPatient *
tonic_store_create_patient_finish (TonicStore    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_create_patient_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_update_patient_async (TonicStore               *self,
                                  const TonicPatientFields *fields,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (fields != NULL);
  g_return_if_fail (fields->id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, update_patient_job, patient_request_new (fields),
                          patient_request_free, tonic_store_update_patient_async, cancellable,
                          callback, user_data);
}

TonicPatient *
tonic_store_update_patient_finish (TonicStore    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_update_patient_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_set_patient_archived_async (TonicStore          *self,
                                        gint64               patient_id,
                                        gboolean             archived,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  PatientData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = patient_data_new (patient_id);
  data->archived = !!archived;

  _tonic_store_run_async (self, set_archived_job, data, patient_data_free,
                          tonic_store_set_patient_archived_async, cancellable, callback,
                          user_data);
}

TonicPatient *
tonic_store_set_patient_archived_finish (TonicStore    *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result,
                                                tonic_store_set_patient_archived_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_list_medications_async (TonicStore          *self,
                                    gint64               patient_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, list_medications_job, patient_data_new (patient_id),
                          patient_data_free, tonic_store_list_medications_async, cancellable,
                          callback, user_data);
}

GPtrArray *
tonic_store_list_medications_finish (TonicStore    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_list_medications_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_set_medications_async (TonicStore          *self,
                                   gint64               patient_id,
                                   GPtrArray           *medications,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  PatientData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (medications != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = patient_data_new (patient_id);
  data->medications = g_ptr_array_new_full (medications->len, g_object_unref);
  for (guint i = 0; i < medications->len; i++)
    {
      TonicMedication *medication = g_ptr_array_index (medications, i);

      if (!TONIC_IS_MEDICATION (medication))
        {
          patient_data_free (data);
          g_return_if_reached ();
        }
      g_ptr_array_add (data->medications, g_object_ref (medication));
    }

  _tonic_store_run_async (self, set_medications_job, data, patient_data_free,
                          tonic_store_set_medications_async, cancellable, callback, user_data);
}

gboolean
tonic_store_set_medications_finish (TonicStore    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_set_medications_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tonic_store_list_weights_async (TonicStore          *self,
                                gint64               patient_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, list_weights_job, patient_data_new (patient_id),
                          patient_data_free, tonic_store_list_weights_async, cancellable,
                          callback, user_data);
}

GPtrArray *
tonic_store_list_weights_finish (TonicStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_list_weights_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_add_weight_async (TonicStore          *self,
                              gint64               patient_id,
                              double               kilograms,
                              const char          *measured_at,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  PatientData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = patient_data_new (patient_id);
  data->kilograms = kilograms;
  data->measured_at = g_strdup (measured_at);

  _tonic_store_run_async (self, add_weight_job, data, patient_data_free,
                          tonic_store_add_weight_async, cancellable, callback, user_data);
}

gboolean
tonic_store_add_weight_finish (TonicStore    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_add_weight_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static GPtrArray *
copy_objects (GPtrArray *objects,
              GType      type)
{
  GPtrArray *copy = g_ptr_array_new_full (objects != NULL ? objects->len : 0, g_object_unref);

  for (guint i = 0; objects != NULL && i < objects->len; i++)
    {
      gpointer object = g_ptr_array_index (objects, i);

      if (!G_TYPE_CHECK_INSTANCE_TYPE (object, type))
        {
          g_ptr_array_unref (copy);
          return NULL;
        }
      g_ptr_array_add (copy, g_object_ref (object));
    }

  return copy;
}

void
tonic_store_import_async (TonicStore          *self,
                          GPtrArray           *patients,
                          GPtrArray           *appointments,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  ImportData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (patients != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ImportData, 1);
  data->patients = copy_objects (patients, TONIC_TYPE_PATIENT);
  data->appointments = copy_objects (appointments, TONIC_TYPE_APPOINTMENT);
  if (data->patients == NULL || data->appointments == NULL)
    {
      import_data_free (data);
      g_return_if_reached ();
    }

  _tonic_store_run_async (self, import_job, data, import_data_free, tonic_store_import_async,
                          cancellable, callback, user_data);
}

gboolean
tonic_store_import_finish (TonicStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_import_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
