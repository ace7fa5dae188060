/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tonic-plan.h"
#include "tonic-session.h"
#include "tonic-store.h"

G_BEGIN_DECLS

/* The sample practice (TESTING.md, "Evidence harness"): a deterministic
 * synthetic practice for trying Tonic out, screenshots, tests and
 * benchmarks. For one seed (and one "now") the patients, appointments,
 * treatment plans and sessions are always the same; only the database
 * key, the recovery key, the practice's id and the times the store stamps
 * itself (when a plan or session was signed, a score saved) differ. */

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
/* Patients with a course of treatment (plans and sessions): 5 % of the
 * practice, at least 40 (all of a smaller one) and at most 150. */
#define TONIC_SAMPLE_MIN_COURSES       40
#define TONIC_SAMPLE_MAX_COURSES       150

typedef struct
{
  const char *username;
  const char *display_name;
  TonicRole   role;
} TonicSampleStaff;

/* The sample staff, the administrator first; all with TONIC_SAMPLE_PASSWORD. */
const TonicSampleStaff *tonic_sample_get_staff (guint *n_staff);

/* Called after each batch of patients is saved, and after each course of
 * treatment. */
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
  /* Courses of treatment written (with @progress_data); may be NULL. */
  TonicSampleProgressFunc  course_progress;
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
  guint     n_courses;       /* patients with a treatment plan */
  guint     n_plans;         /* plan versions, drafts included */
  guint     n_sessions;      /* documented sessions, drafts included */
  gboolean  in_keyring;
  double    seconds;         /* the whole run */
  double    import_seconds;  /* generating and importing the patients */
  double    clinical_seconds; /* writing the plans and sessions */
  /* Records worth showing (TonicSampleShowcase; 0 when the practice is too
   * small to hold them): */
  gint64    in_chair_session_id;   /* today's session under way, with a
                                    * vitals warning not yet acknowledged */
  gint64    safety_patient_id;     /* a PHQ-9 item 9 flag waits for a clinician */
  gint64    revised_patient_id;    /* a plan revised to version 2 */
  gint64    draft_plan_patient_id; /* a plan drafted, not yet signed */
  gint64    amended_session_id;    /* a signed session with an amendment */
} TonicSampleSummary;

void      tonic_sample_summary_clear  (TonicSampleSummary *summary);

/* Creates the sample practice in @data_dir (which must hold no practice:
 * G_IO_ERROR_EXISTS otherwise): the practice with its administrator and
 * staff (TONIC_SAMPLE_PASSWORD, a key slot each), the settings "chairs"
 * (4) and "sample" ("true"), the patients and their appointments, then
 * the courses of treatment through the store's own calls, as the sample
 * clinician ("clinician"): plans signed, sessions documented with their
 * vitals, scores, acknowledgements and amendments, and signed. Blocks,
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

/* -- Courses of treatment ------------------------------------------------------ */

/* How a course's primary measure goes, from its baseline to the last
 * session (CLINICAL.md: response is a fall of at least 50 %, or 30 % for
 * pain). */
typedef enum
{
  TONIC_SAMPLE_TRAJECTORY_REMISSION,   /* a response that reaches remission */
  TONIC_SAMPLE_TRAJECTORY_RESPONSE,    /* falls by half or more */
  TONIC_SAMPLE_TRAJECTORY_PARTIAL,     /* falls by a quarter to a half */
  TONIC_SAMPLE_TRAJECTORY_NONE,        /* falls by less than a quarter */
} TonicSampleTrajectory;

/* The courses made to be shown (screenshots, tests, a first look): one
 * each when the practice is large enough. */
typedef enum
{
  TONIC_SAMPLE_SHOWCASE_NONE,
  /* IV depression, in chair now (chair 1): today's session is a draft
   * with a blood pressure warning at 30 minutes not yet acknowledged. */
  TONIC_SAMPLE_SHOWCASE_IN_CHAIR,
  /* IV depression, in recovery now (chair 2): PHQ-9 item 9 answered 1
   * today, the flag not yet acknowledged (the session waits for a
   * clinician); the same answer at the first session was acknowledged.
   * The only patient whose PHQ-9 item 9 is ever above 0. */
  TONIC_SAMPLE_SHOWCASE_SAFETY,
  /* Esketamine, under observation now (chair 3): a draft session. */
  TONIC_SAMPLE_SHOWCASE_OBSERVED,
  /* IV depression, arrived for today's infusion (chair 4): no session yet. */
  TONIC_SAMPLE_SHOWCASE_ARRIVED,
  /* IV depression, partial response: the plan revised to version 2 (a
   * higher dose) after four sessions; the last session has an amendment. */
  TONIC_SAMPLE_SHOWCASE_REVISED,
  /* A patient being assessed: a plan drafted, not signed, no sessions. */
  TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN,
} TonicSampleShowcase;

/**
 * TonicSampleCourse:
 * @patient: the patient's index in the practice (0 for the first)
 * @showcase: what the course is there to show
 * @trajectory: how its primary measure goes
 * @plans: the plan versions (TonicPlan drafts, to be saved and signed in
 *   turn), oldest first: version 1 and, when revised, version 2 (with its
 *   change note); the DRAFT_PLAN showcase's one version stays a draft.
 *   Ids and patient ids 0; who/when empty (the store fills them).
 * @revised_after: how many sessions follow version 1 before version 2 is
 *   signed (the number of sessions when there is no version 2)
 * @sessions: the sessions (TonicSession), oldest first, whole: vitals
 *   (taken_at set; action, when not NONE, the acknowledgement to make,
 *   with its note and time), scores (answers; score as
 *   tonic_instrument_score() gives it; acknowledgement, when set, the
 *   safety acknowledgement to make, with its time) and amendments (text)
 *   to add after signing. Status SIGNED for sessions to
 *   sign, DRAFT for today's sessions under way. Ids 0; checked_by 0 (the
 *   sample nurse checks the dose of every IV and IM session).
 * @appointments: for each session, the TonicAppointment it documents
 *   (owned by the batch's appointments too), or NULL
 * @end_reason: the course was ended afterwards (a reason), or NULL
 *
 * One patient's course of treatment. Sessions happened on the patient's
 * dosing appointments that were discharged (and on days before the
 * appointments begin); the appointments still to come are the course's
 * next sessions.
 */
typedef struct
{
  guint                  patient;
  TonicSampleShowcase    showcase;
  TonicSampleTrajectory  trajectory;
  GPtrArray             *plans;
  guint                  revised_after;
  GPtrArray             *sessions;
  GPtrArray             *appointments;
  char                  *end_reason;
} TonicSampleCourse;

/* The courses of the patients made so far, by patient index (a
 * GPtrArray of TonicSampleCourse owned by @self). */
GPtrArray            *tonic_sample_generator_get_courses (TonicSampleGenerator *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TonicSampleGenerator, tonic_sample_generator_free)

G_END_DECLS
