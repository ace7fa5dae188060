/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the repositories of tonic-store-patients.h (patients and
 * search in tonic-store-patients.c, appointments and the board in
 * tonic-store-appointments.c) and their tests. Worker thread only. */

#include "tonic-store-private.h"

G_BEGIN_DECLS

/* -- Search terms ------------------------------------------------------------ */

/* The kinds of rows of patient_search_term, each with its own prefix.
 * Name words too are stored with theirs ("n:" + the word), so that a word
 * typed in the search entry reaches names only: "d" does not match every
 * "dob:…" term, nor "te" every phone number. */
#define TONIC_TERM_NAME       "n:"      /* a folded word of the legal or preferred name */
#define TONIC_TERM_MRN        "mrn:"    /* the canonical MRN, "mrn:TN-0000012-5" */
#define TONIC_TERM_BIRTH      "dob:"    /* "dob:1980-04-03" */
#define TONIC_TERM_PHONE      "tel:"    /* a phone's digits, for its beginning */
#define TONIC_TERM_PHONE_END  "tel-r:"  /* the same digits reversed, for its end */
#define TONIC_TERM_INDICATION "ind:"    /* an indication's id, for the clinical filter */

/* The upper bound of a prefix range: every term that starts with @prefix
 * is >= @prefix and < @prefix || U+10FFFF (the largest code point), by
 * bytes, in SQLite as in PostgreSQL's "C" collation. (g_free()) */
char       *_tonic_store_prefix_end        (const char               *prefix);

/* The search terms of a patient (@fields already normalized: stripped,
 * canonical MRN), without repeats. (g_ptr_array_unref()) Clinical
 * (indications) as well: the table is only read through queries that
 * check CLINICAL_VIEW before they use those. */
GPtrArray  *_tonic_store_patient_terms     (const TonicPatientFields *fields);

/* Tests only: the query plan (EXPLAIN QUERY PLAN, one step a line) of the
 * statement that counts (@count) or lists the patients @query asks for. */
char       *_tonic_store_explain_patients_query (sqlite3                  *db,
                                                 const TonicPatientQuery  *query,
                                                 gboolean                  count,
                                                 GError                  **error);

/* -- The signed-in staff member ------------------------------------------------ */

typedef struct
{
  gint64    actor_id;
  TonicRole role;
  /* Clinical fields may be shown: by role, or under emergency access. */
  gboolean  clinical_view;
  /* … and only through emergency access (audit rows of such reads carry
   * the emergency flag). */
  gboolean  clinical_view_emergency;
  gboolean  clinical_edit;
} TonicStoreAccess;

/* What the actor may see and change, read again from the staff table.
 * Call after _tonic_store_require() allowed the job's own action. */
gboolean    _tonic_store_read_access       (TonicStore               *self,
                                            sqlite3                  *db,
                                            TonicStoreAccess         *access,
                                            GError                  **error);

/* A read of clinical content that only emergency access allowed, recorded
 * each time (SECURITY.md, "Break-glass") in a transaction of its own: an
 * audit row "clinical.view" with the emergency flag, @patient_id (0: none)
 * and @detail (what was read, never its content). */
gboolean    _tonic_store_record_emergency_read (TonicStore           *self,
                                                sqlite3              *db,
                                                gint64                patient_id,
                                                const char           *detail,
                                                GError              **error);
/* CLINICAL_VIEW of @patient_id's records (outside any transaction): the
 * permission (_tonic_store_require()), the patient (NOT_FOUND), and a read
 * that only emergency access allows recorded with @detail. */
gboolean    _tonic_store_require_clinical_read (TonicStore           *self,
                                                sqlite3              *db,
                                                gint64                patient_id,
                                                const char           *detail,
                                                GError              **error);

/* -- Patients --------------------------------------------------------------- */

/* Whether patient @patient_id exists (and whether it is archived). */
gboolean    _tonic_store_patient_exists    (sqlite3                  *db,
                                            gint64                    patient_id,
                                            gboolean                 *exists,
                                            gboolean                 *archived,
                                            GError                  **error);
/* The same, failing with TONIC_STORE_ERROR_NOT_FOUND ("This patient does
 * not exist") when there is no such patient. */
gboolean    _tonic_store_require_patient   (sqlite3                  *db,
                                            gint64                    patient_id,
                                            gboolean                 *archived,
                                            GError                  **error);

/* -- Appointments ---------------------------------------------------------- */

/* The practice's number of chairs: TONIC_SETTING_CHAIRS when it is a
 * number from 1 to TONIC_MAX_CHAIRS, else TONIC_DEFAULT_CHAIRS. */
#define TONIC_MAX_CHAIRS 40
gboolean    _tonic_store_read_chairs       (sqlite3                  *db,
                                            int                      *n_chairs,
                                            GError                  **error);

/* Inserting appointments as they are (state, times and confirmations
 * included): for importing. @stmt comes from
 * _tonic_store_prepare_appointment_insert() and is reset here. */
sqlite3_stmt *_tonic_store_prepare_appointment_insert (sqlite3                      *db,
                                                       GError                      **error);
gboolean    _tonic_store_insert_appointment (sqlite3                      *db,
                                             sqlite3_stmt                 *stmt,
                                             const TonicAppointmentFields *fields,
                                             gint64                        patient_id,
                                             const char                   *now,
                                             gint64                       *id,
                                             GError                      **error);

/* Records that @patient_id weighed @kilograms (within the limits already)
 * at @measured_at, as @actor_id, with its "weight.add" audit row: the one
 * way a weight is written, from the record or from a session. */
gboolean  _tonic_store_insert_weight          (TonicStore  *self,
                                               sqlite3     *db,
                                               gint64       actor_id,
                                               gint64       patient_id,
                                               double       kilograms,
                                               const char  *measured_at,
                                               GError     **error);

G_END_DECLS
