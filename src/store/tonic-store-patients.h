/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Included by tonic-store.h: patients, their medications and weights,
 * appointments and the day's board. Permissions as in tonic-store-staff.h:
 * every call checks its action in the store, denials are audited, changes
 * are audited in the same transaction.
 *
 * What a role without CLINICAL_VIEW (front desk, administrator) receives
 * of a patient has the clinical fields emptied (indications, allergies);
 * their medications and weights are not given to them at all. Under
 * emergency access they are given, and opening a chart (or reading its
 * medications and weights) is audited with the emergency flag. */

G_BEGIN_DECLS

/* -- Finding patients ------------------------------------------------------ */

typedef enum
{
  TONIC_PATIENT_STATUS_ACTIVE,
  TONIC_PATIENT_STATUS_ARCHIVED,
  TONIC_PATIENT_STATUS_ANY,
} TonicPatientStatus;

typedef enum
{
  TONIC_PATIENT_SORT_NAME,          /* folded display name, then MRN */
  TONIC_PATIENT_SORT_MRN,
  TONIC_PATIENT_SORT_DATE_OF_BIRTH,
  TONIC_PATIENT_SORT_RECENT,        /* last changed first */
} TonicPatientSort;

typedef struct
{
  /* What was typed in the search entry (NULL or blank: everyone). Each
   * word must match the start of a word of the legal or preferred name
   * (accent-, case- and script-insensitive: tonic_search_fold()), or the
   * whole query is read as an MRN (prefix), a date of birth typed the way
   * people type it (tonic_search_parse_date(), either reading of an
   * ambiguous date), or phone digits (the number from its start, or its
   * last digits). Matched with an index, never by scanning in C. */
  const char         *text;
  TonicPatientStatus  status;
  /* Only patients with any of these (0: no filter). Needs CLINICAL_VIEW
   * (DENIED, audited, otherwise). */
  TonicIndication     indications;
  /* Only patients with a not-cancelled appointment on @today. */
  gboolean            appointment_today;
  /* The local day "today" means (YYYY-MM-DD); NULL: the system's today. */
  const char         *today;
  TonicPatientSort    sort;
  /* The course filters (TonicPatientFields' course fields), each needing
   * CLINICAL_VIEW (DENIED, audited, otherwise). Only patients in any of
   * these phases, a mask of (1 << TonicCoursePhase) (0: no filter) … */
  guint               phases;
  /* … whose rating scale was due before @today … */
  gboolean            overdue_scale;
  /* … with a safety flag waiting for a clinician. */
  gboolean            safety_alert;
} TonicPatientQuery;

/* Every phase, for TonicPatientQuery.phases. */
#define TONIC_COURSE_PHASES_ALL ((1u << (TONIC_COURSE_PHASE_ENDED + 1)) - 1)

/* PATIENT_VIEW. How many patients match. */
void        tonic_store_count_patients_async   (TonicStore              *self,
                                                const TonicPatientQuery *query,
                                                GCancellable            *cancellable,
                                                GAsyncReadyCallback      callback,
                                                gpointer                 user_data);
guint       tonic_store_count_patients_finish  (TonicStore              *self,
                                                GAsyncResult            *result,
                                                GError                 **error);

/* PATIENT_VIEW. The matches from @offset, at most @limit (≤ 500), in the
 * query's order. A GPtrArray of TonicPatient. Not audited (a list is not a
 * chart). */
void        tonic_store_list_patients_async    (TonicStore              *self,
                                                const TonicPatientQuery *query,
                                                guint                    offset,
                                                guint                    limit,
                                                GCancellable            *cancellable,
                                                GAsyncReadyCallback      callback,
                                                gpointer                 user_data);
GPtrArray  *tonic_store_list_patients_finish   (TonicStore              *self,
                                                GAsyncResult            *result,
                                                GError                 **error);

/* PATIENT_VIEW. Opening a patient's chart: audited "chart.open" with the
 * patient id. NOT_FOUND for an unknown id. */
void          tonic_store_open_patient_async   (TonicStore              *self,
                                                gint64                   patient_id,
                                                GCancellable            *cancellable,
                                                GAsyncReadyCallback      callback,
                                                gpointer                 user_data);
TonicPatient *tonic_store_open_patient_finish  (TonicStore              *self,
                                                GAsyncResult            *result,
                                                GError                 **error);

/* PATIENT_VIEW. Active or archived patients with the same folded legal
 * name and date of birth (for the duplicate warning), except @except_id. */
void        tonic_store_find_duplicates_async  (TonicStore              *self,
                                                const char              *legal_name,
                                                const char              *date_of_birth,
                                                gint64                   except_id,
                                                GCancellable            *cancellable,
                                                GAsyncReadyCallback      callback,
                                                gpointer                 user_data);
GPtrArray  *tonic_store_find_duplicates_finish (TonicStore              *self,
                                                GAsyncResult            *result,
                                                GError                 **error);

/* -- Changing patients ----------------------------------------------------- */

/* PATIENT_EDIT (and CLINICAL_EDIT when a clinical field is set). Validates
 * with tonic_patient_check() (INVALID, the message naming the field; the
 * field is in the error's message only — use tonic_patient_check() in the
 * form first), assigns the next MRN (tonic_mrn_format()), fills the search
 * index, audited "patient.create". */
void          tonic_store_create_patient_async  (TonicStore               *self,
                                                 const TonicPatientFields *fields,
                                                 GCancellable             *cancellable,
                                                 GAsyncReadyCallback       callback,
                                                 gpointer                  user_data);
TonicPatient *tonic_store_create_patient_finish (TonicStore               *self,
                                                 GAsyncResult             *result,
                                                 GError                  **error);

/* PATIENT_EDIT. Saves @fields over patient @fields->id. A role without
 * CLINICAL_EDIT cannot change clinical fields: theirs are ignored and the
 * stored ones kept. The MRN never changes. Audited "patient.edit" with the
 * names of the changed fields (never their values). */
void          tonic_store_update_patient_async  (TonicStore               *self,
                                                 const TonicPatientFields *fields,
                                                 GCancellable             *cancellable,
                                                 GAsyncReadyCallback       callback,
                                                 gpointer                  user_data);
TonicPatient *tonic_store_update_patient_finish (TonicStore               *self,
                                                 GAsyncResult             *result,
                                                 GError                  **error);

/* PATIENT_EDIT. Archive (never delete) or restore. Audited
 * "patient.archive"/"patient.restore". */
void          tonic_store_set_patient_archived_async  (TonicStore          *self,
                                                       gint64               patient_id,
                                                       gboolean             archived,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
TonicPatient *tonic_store_set_patient_archived_finish (TonicStore          *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* CLINICAL_VIEW. A GPtrArray of TonicMedication. */
void        tonic_store_list_medications_async   (TonicStore          *self,
                                                  gint64               patient_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray  *tonic_store_list_medications_finish  (TonicStore          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* CLINICAL_EDIT. Replaces the patient's current medications with
 * @medications (TonicMedication, ids ignored). Audited "medications.edit". */
void        tonic_store_set_medications_async    (TonicStore          *self,
                                                  gint64               patient_id,
                                                  GPtrArray           *medications,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean    tonic_store_set_medications_finish   (TonicStore          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* A weight measurement: kilograms with 0.1 kg precision, when measured. */
typedef struct
{
  gint64  id;
  double  kilograms;
  char   *measured_at;   /* UTC ISO-8601 */
  gint64  staff_id;
} TonicWeight;

void        tonic_weight_free                    (TonicWeight *weight);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TonicWeight, tonic_weight_free)

/* CLINICAL_VIEW. Newest first. A GPtrArray of TonicWeight. */
void        tonic_store_list_weights_async       (TonicStore          *self,
                                                  gint64               patient_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray  *tonic_store_list_weights_finish      (TonicStore          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* CLINICAL_EDIT. 2–400 kg (INVALID otherwise), kept to 0.1 kg; measured
 * at @measured_at (UTC ISO-8601; NULL: now), not in the future nor before
 * the date of birth. Audited "weight.add". */
void        tonic_store_add_weight_async         (TonicStore          *self,
                                                  gint64               patient_id,
                                                  double               kilograms,
                                                  const char          *measured_at,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean    tonic_store_add_weight_finish        (TonicStore          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* -- Appointments and the board -------------------------------------------- */

/* APPOINTMENT_VIEW. Appointments starting in [@from, @until) (UTC
 * ISO-8601), by start then chair, each with its patient's display name.
 * A GPtrArray of TonicAppointment. */
void        tonic_store_list_appointments_async  (TonicStore          *self,
                                                  const char          *from,
                                                  const char          *until,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray  *tonic_store_list_appointments_finish (TonicStore          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* APPOINTMENT_VIEW. A patient's appointments, newest first. */
void        tonic_store_list_patient_appointments_async  (TonicStore          *self,
                                                          gint64               patient_id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray  *tonic_store_list_patient_appointments_finish (TonicStore          *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* APPOINTMENT_VIEW. The not-cancelled, not-no-show appointments in the
 * same chair that overlap @fields (except @fields->id): the form warns
 * with them before booking or moving. Intervals that only touch do not
 * overlap; fields with no start or length overlap nothing. */
void        tonic_store_find_conflicts_async     (TonicStore                   *self,
                                                  const TonicAppointmentFields *fields,
                                                  GCancellable                 *cancellable,
                                                  GAsyncReadyCallback           callback,
                                                  gpointer                      user_data);
GPtrArray  *tonic_store_find_conflicts_finish    (TonicStore                   *self,
                                                  GAsyncResult                 *result,
                                                  GError                      **error);

/* APPOINTMENT_EDIT. Books (@fields->id 0) or moves/edits an appointment:
 * validated with tonic_appointment_check() against the practice's number
 * of chairs (setting TONIC_SETTING_CHAIRS); the patient must exist and not
 * be archived, an assigned staff member must exist. A booking starts
 * scheduled; an edit keeps the state, its times and the check-in
 * confirmations (tonic_store_move_appointment_async() changes those).
 * Audited "appointment.book"/"appointment.edit" (the edit with the names
 * of the changed fields). */
void              tonic_store_save_appointment_async  (TonicStore                   *self,
                                                       const TonicAppointmentFields *fields,
                                                       GCancellable                 *cancellable,
                                                       GAsyncReadyCallback           callback,
                                                       gpointer                      user_data);
TonicAppointment *tonic_store_save_appointment_finish (TonicStore                   *self,
                                                       GAsyncResult                 *result,
                                                       GError                      **error);

/* What the front desk confirms at check-in (moving to ARRIVED). */
typedef struct
{
  gboolean identity_confirmed;   /* name and date of birth checked with the patient */
  gboolean driver_confirmed;     /* someone drives them home */
  gboolean fasting_confirmed;
} TonicCheckIn;

/* APPOINTMENT_EDIT and tonic_appointment_can_transition() for the actor's
 * role (DENIED otherwise, audited); moving to ARRIVED needs @check_in with
 * identity_confirmed (INVALID otherwise) and records its confirmations;
 * undoing a check-in (back to SCHEDULED) clears them. Records the time of
 * the change (tonic_appointment_with_state()). Audited "appointment.state"
 * with "from → to" (state ids) as detail. */
void              tonic_store_move_appointment_async  (TonicStore            *self,
                                                       gint64                 appointment_id,
                                                       TonicAppointmentState  state,
                                                       const TonicCheckIn    *check_in,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
TonicAppointment *tonic_store_move_appointment_finish (TonicStore            *self,
                                                       GAsyncResult          *result,
                                                       GError               **error);

/* Practice settings used here (tonic_store_get_setting_async()). */
#define TONIC_SETTING_CHAIRS          "chairs"          /* "1".."40", default "4" */
#define TONIC_DEFAULT_CHAIRS          4

/* -- Importing (the sample practice) --------------------------------------- */

/* PATIENT_IMPORT. Creates many patients (@patients: TonicPatient, each
 * checked with tonic_patient_check(); ids and uuids ignored, MRNs assigned
 * when empty) with their appointments (@appointments, may be NULL:
 * TonicAppointment made from TonicAppointmentFields whose patient_id is
 * the index into @patients + 1; their states, times and confirmations are
 * kept) in transactions of about a thousand patients, each with one
 * "patient.import" audit row. Everything is checked before anything is
 * written (INVALID naming the first bad item); a later failure keeps the
 * batches committed before it. Clinical fields are imported as given.
 * For the sample generator: as fast as the disk allows. */
void        tonic_store_import_async             (TonicStore          *self,
                                                  GPtrArray           *patients,
                                                  GPtrArray           *appointments,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean    tonic_store_import_finish            (TonicStore          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
