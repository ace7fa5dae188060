/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tonic-store.h"

G_BEGIN_DECLS

/* The sample practice (TESTING.md, "Evidence harness"): a deterministic
 * synthetic practice for trying Tonic out, screenshots, tests and
 * benchmarks. For one seed (and one "now") the patients and appointments
 * are always the same; only the database key, the recovery key and the
 * practice's id are random. */

#define TONIC_SAMPLE_PRACTICE_NAME  "Riverside Ketamine Clinic (Sample)"
/* Every sample staff member's password. */
#define TONIC_SAMPLE_PASSWORD       "tonic-sample"
#define TONIC_SAMPLE_ADMIN_USERNAME "admin"
/* The practice setting that marks a sample practice ("true"). */
#define TONIC_SAMPLE_SETTING        "sample"

#define TONIC_SAMPLE_DEFAULT_PATIENTS  2000
#define TONIC_SAMPLE_MAX_PATIENTS      100000
#define TONIC_SAMPLE_DEFAULT_SEED      1
#define TONIC_SAMPLE_DEFAULT_DAYS      28
#define TONIC_SAMPLE_CHAIRS            4

typedef struct
{
  const char *username;
  const char *display_name;
  TonicRole   role;
} TonicSampleStaff;

/* The sample staff, the administrator first; all with TONIC_SAMPLE_PASSWORD. */
const TonicSampleStaff *tonic_sample_get_staff (guint *n_staff);

/* Called after each batch of patients is saved. */
typedef void (*TonicSampleProgressFunc) (guint    n_done,
                                         guint    n_total,
                                         gpointer user_data);

typedef struct
{
  guint                    n_patients;   /* 1 … TONIC_SAMPLE_MAX_PATIENTS */
  guint32                  seed;
  guint                    days_back;    /* appointments on the days before today … */
  guint                    days_ahead;   /* … and after it (0 … 366 each) */
  /* The moment the appointments are placed around (the board's "now");
   * NULL: the current time. */
  GDateTime               *now;
  /* Store the key in the login keyring too (when there is one). */
  gboolean                 use_keyring;
  TonicSampleProgressFunc  progress;
  gpointer                 progress_data;
} TonicSampleOptions;

/* The defaults: 2,000 patients, seed 1, 28 days back and ahead, now,
 * the keyring. */
void      tonic_sample_options_init   (TonicSampleOptions *options);

typedef struct
{
  char     *practice_dir;    /* <data-dir>/<practice-id> */
  char     *practice_id;
  /* The practice's recovery key, display form (sample data: printable). */
  char     *recovery_key;
  guint     n_patients;
  guint     n_archived;
  guint     n_appointments;
  guint     n_today;         /* appointments on the board today */
  gboolean  in_keyring;
  double    seconds;         /* the whole run */
  double    import_seconds;  /* generating and importing the patients */
} TonicSampleSummary;

void      tonic_sample_summary_clear  (TonicSampleSummary *summary);

/* Creates the sample practice in @data_dir (which must hold no practice:
 * G_IO_ERROR_EXISTS otherwise): the practice with its administrator and
 * staff (TONIC_SAMPLE_PASSWORD, a key slot each), the settings "chairs"
 * (4) and "sample" ("true"), the patients and their appointments. Blocks,
 * iterating a main context of its own: call it from a program's main
 * thread before its main loop runs, or from a thread. On failure nothing
 * is left behind. */
gboolean  tonic_sample_generate       (const char               *data_dir,
                                       guint                     n_patients,
                                       guint32                   seed,
                                       GError                  **error);
gboolean  tonic_sample_generate_full  (const char               *data_dir,
                                       const TonicSampleOptions *options,
                                       TonicSampleSummary       *summary,
                                       GError                  **error);

/* -- The generator alone (no disk) ---------------------------------------- */

typedef struct _TonicSampleGenerator TonicSampleGenerator;

TonicSampleGenerator *tonic_sample_generator_new        (const TonicSampleOptions *options);
void                  tonic_sample_generator_free       (TonicSampleGenerator     *self);
/* Who appointments are assigned to (0: nobody). Set before the first batch. */
void                  tonic_sample_generator_set_staff  (TonicSampleGenerator     *self,
                                                         gint64                    clinician_id,
                                                         gint64                    nurse_id);
/* The next (at most) @max_patients patients, as TonicPatient in order
 * (no ids or MRNs: the store assigns them), and in @appointments (may be
 * NULL) their appointments as TonicAppointment whose patient_id is the
 * index in the returned array + 1, as tonic_store_import_async() takes
 * them. An empty array after the last patient. */
GPtrArray            *tonic_sample_generator_next_batch (TonicSampleGenerator     *self,
                                                         guint                     max_patients,
                                                         GPtrArray               **appointments);
/* Patients made so far. */
guint                 tonic_sample_generator_get_n_done (TonicSampleGenerator     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TonicSampleGenerator, tonic_sample_generator_free)

G_END_DECLS
