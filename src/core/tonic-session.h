/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tonic-dose.h"
#include "tonic-instrument.h"
#include "tonic-vitals.h"

G_BEGIN_DECLS

/* One documented dosing session (CLINICAL.md, "Session record"), with its
 * vitals, scores and amendments. A session is a draft while it is being
 * documented (nurses and clinicians record), and signed by a clinician;
 * a signed session never changes again and is corrected by amendments. */

/* Side effects: a set, stored as comma-separated ids. */
typedef enum /*< flags >*/
{
  TONIC_SIDE_EFFECT_NONE          = 0,
  TONIC_SIDE_EFFECT_NAUSEA        = 1 << 0,  /* nausea or vomiting */
  TONIC_SIDE_EFFECT_DIZZINESS     = 1 << 1,
  TONIC_SIDE_EFFECT_DISSOCIATION  = 1 << 2,
  TONIC_SIDE_EFFECT_ANXIETY       = 1 << 3,
  TONIC_SIDE_EFFECT_HEADACHE      = 1 << 4,
  TONIC_SIDE_EFFECT_HYPERTENSION  = 1 << 5,
  TONIC_SIDE_EFFECT_SEDATION      = 1 << 6,
  TONIC_SIDE_EFFECT_OTHER         = 1 << 7,  /* described in side_effects_other */
} TonicSideEffect;

#define TONIC_N_SIDE_EFFECTS 8

#define TONIC_TYPE_SIDE_EFFECT (tonic_side_effect_get_type ())
GType        tonic_side_effect_get_type      (void) G_GNUC_CONST;
/* The flag at @index in form order; ids "nausea", "dizziness",
 * "dissociation", "anxiety", "headache", "hypertension", "sedation",
 * "other"; translated labels. */
TonicSideEffect tonic_side_effect_nth        (guint            index);
const char  *tonic_side_effect_to_string     (TonicSideEffect  effect);
const char  *tonic_side_effect_get_label     (TonicSideEffect  effect);
char        *tonic_side_effect_format_mask   (TonicSideEffect  mask);
gboolean     tonic_side_effect_parse_mask    (const char      *text,
                                              TonicSideEffect *mask);
char        *tonic_side_effect_format_labels (TonicSideEffect  mask);

/* Esketamine REMS co-medications (CLINICAL.md): a set, as above. Ids
 * "benzodiazepines", "sedatives", "stimulants", "maois". */
typedef enum /*< flags >*/
{
  TONIC_COMEDICATION_NONE            = 0,
  TONIC_COMEDICATION_BENZODIAZEPINES = 1 << 0,
  TONIC_COMEDICATION_SEDATIVES       = 1 << 1,  /* other sedatives */
  TONIC_COMEDICATION_STIMULANTS      = 1 << 2,
  TONIC_COMEDICATION_MAOIS           = 1 << 3,
} TonicComedication;

#define TONIC_N_COMEDICATIONS 4

#define TONIC_TYPE_COMEDICATION (tonic_comedication_get_type ())
GType        tonic_comedication_get_type      (void) G_GNUC_CONST;
TonicComedication tonic_comedication_nth      (guint              index);
const char  *tonic_comedication_to_string     (TonicComedication  comedication);
const char  *tonic_comedication_get_label     (TonicComedication  comedication);
char        *tonic_comedication_format_mask   (TonicComedication  mask);
gboolean     tonic_comedication_parse_mask    (const char        *text,
                                               TonicComedication *mask);

/* REMS: at least this long observed after dosing. */
#define TONIC_REMS_OBSERVATION_MINUTES 120

typedef enum
{
  TONIC_SESSION_STATUS_DRAFT,
  TONIC_SESSION_STATUS_SIGNED,
} TonicSessionStatus;

/* "draft", "signed". */
const char  *tonic_session_status_to_string   (TonicSessionStatus  status);
gboolean     tonic_session_status_from_string (const char         *str,
                                               TonicSessionStatus *status);

/* When a score is taken in a session. */
typedef enum
{
  TONIC_SCORE_TIMING_PRE,     /* before dosing (outcome measures, C-SSRS) */
  TONIC_SCORE_TIMING_POST,    /* after dosing (CADSS, MOAA/S, post measures) */
} TonicScoreTiming;

/* "pre", "post". */
const char  *tonic_score_timing_to_string   (TonicScoreTiming  timing);
gboolean     tonic_score_timing_from_string (const char       *str,
                                             TonicScoreTiming *timing);

/* One set of vitals in a session. Owned strings. */
typedef struct
{
  gint64              id;
  gint64              session_id;
  char               *taken_at;       /* UTC ISO-8601 */
  int                 minute;         /* from dose start (negative before) */
  TonicVitalsPhase    phase;
  TonicVitalsReading  reading;
  TonicVitalsLevel    level;          /* as evaluated when recorded */
  char               *alert_text;     /* the alerts' messages, one per line */
  TonicVitalsAction   action;         /* NONE until acknowledged (or no alert) */
  char               *action_note;
  gint64              acknowledged_by;
  char               *acknowledged_by_name;
  char               *acknowledged_at;
  gint64              recorded_by;
} TonicSessionVitals;

void         tonic_session_vitals_free (TonicSessionVitals *vitals);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TonicSessionVitals, tonic_session_vitals_free)

/* One scored instrument in a session. */
typedef struct
{
  gint64            id;
  gint64            session_id;
  TonicInstrument   instrument;
  TonicScoreTiming  timing;
  int              *answers;          /* n_answers of them */
  guint             n_answers;
  TonicScore        score;            /* computed by tonic_instrument_score() */
  char             *scored_at;        /* UTC ISO-8601 */
  gint64            recorded_by;
  /* A safety flag (score.safety != NONE) must be acknowledged by a
   * clinician: who, when and the action noted. */
  gint64            acknowledged_by;
  char             *acknowledged_by_name;
  char             *acknowledged_at;
  char             *acknowledgement;
} TonicSessionScore;

void         tonic_session_score_free (TonicSessionScore *score);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TonicSessionScore, tonic_session_score_free)

/* A correction of a signed session: its own text, author and time; never
 * changed once written. */
typedef struct
{
  gint64  id;
  gint64  session_id;
  char   *text;
  char   *created_at;
  gint64  created_by;
  char   *created_by_name;
} TonicAmendment;

void         tonic_amendment_free (TonicAmendment *amendment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TonicAmendment, tonic_amendment_free)

#define TONIC_SESSION_TEXT_MAX  4000
#define TONIC_SESSION_LINE_MAX   200   /* lot, driver name, second checker… */

/**
 * TonicSession:
 *
 * A session's own fields (plain values it owns; NULL or "" is empty; times
 * are UTC ISO-8601) and, when read whole, its vitals, scores and
 * amendments (GPtrArrays of the types above, never NULL). The store fills
 * ids, status, who/when; the session page edits the rest.
 */
typedef struct
{
  gint64              id;
  gint64              patient_id;
  gint64              plan_id;          /* the signed plan version used */
  gint64              course_id;
  gint64              appointment_id;   /* 0: none */
  TonicSessionStatus  status;
  int                 number;           /* 1, 2, … within the course */

  char               *checked_in_at;
  /* Pre-checks */
  gboolean            fasting;
  gboolean            driver;
  gboolean            consent_current;
  gboolean            rems_enrolled;    /* esketamine */

  /* Weight used for the dose */
  double              weight_kg;
  char               *weight_measured_at;

  /* Dose */
  TonicRoute          route;
  TonicDoseMode       dose_mode;
  double              dose;             /* mg/kg or mg, as planned for today */
  double              calculated_mg;
  double              given_mg;
  double              bag_ml;
  double              concentration_mg_per_ml;
  double              volume_ml;
  double              rate_ml_per_hour;
  int                 infusion_minutes;
  char               *change_reason;    /* > 20 % from the previous session */
  char               *lot_number;
  gint64              checked_by;       /* second person; 0: none */
  char               *checked_by_name;
  char               *started_at;
  char               *ended_at;

  /* After the dose */
  TonicSideEffect     side_effects;
  char               *side_effects_other;
  char               *serious_adverse_event;  /* REMS: describe, or empty */

  /* REMS (esketamine) */
  TonicComedication   comedications;
  int                 observation_minutes;

  /* Discharge */
  int                 aldrete[TONIC_N_ALDRETE_ITEMS];  /* -1: not scored */
  char               *ready_at;
  char               *driver_name;
  char               *note;

  /* Read-only, filled by the store when reading: the given dose of the
   * course's previous signed session (0: none), for the > 20 % rule. */
  double              previous_mg;
  /* Read-only likewise: the practice's limit of that rule, in percent
   * (TONIC_SETTING_DOSE_CHANGE_PERCENT); 0: TONIC_DOSE_CHANGE_LIMIT_PERCENT. */
  double              change_limit_percent;

  /* Who and when */
  char               *created_at;
  gint64              created_by;
  char               *signed_at;
  gint64              signed_by;
  char               *signed_by_name;

  GPtrArray          *vitals;      /* TonicSessionVitals, by taken_at */
  GPtrArray          *scores;      /* TonicSessionScore, in order recorded */
  GPtrArray          *amendments;  /* TonicAmendment, oldest first */
} TonicSession;

#define TONIC_TYPE_SESSION (tonic_session_get_type ())
GType         tonic_session_get_type  (void) G_GNUC_CONST;
/* An empty draft: aldrete items -1, arrays empty. */
TonicSession *tonic_session_new       (void);
/* A deep copy, arrays included. */
TonicSession *tonic_session_copy      (const TonicSession *session);
void          tonic_session_free      (TonicSession       *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TonicSession, tonic_session_free)

/* When the session took place, as UTC ISO-8601: the check-in, else the
 * dose start, else when the record was made. Its day is the session's day
 * in lists, charts and reports. */
const char   *tonic_session_get_held_at (const TonicSession *session);
/* The percent change of dose from the previous session above which a
 * reason is asked for: @session's change_limit_percent, else
 * TONIC_DOSE_CHANGE_LIMIT_PERCENT (20). */
double        tonic_session_get_change_limit (const TonicSession *session);

/* The fields of the session page, in the order of the work. */
typedef enum
{
  TONIC_SESSION_FIELD_PRECHECKS,
  TONIC_SESSION_FIELD_WEIGHT,
  TONIC_SESSION_FIELD_DOSE,
  TONIC_SESSION_FIELD_GIVEN,
  TONIC_SESSION_FIELD_CHANGE_REASON,
  TONIC_SESSION_FIELD_LOT,
  TONIC_SESSION_FIELD_TIMES,
  TONIC_SESSION_FIELD_VITALS,
  TONIC_SESSION_FIELD_SIDE_EFFECTS,
  TONIC_SESSION_FIELD_SCORES,
  TONIC_SESSION_FIELD_REMS,
  TONIC_SESSION_FIELD_DISCHARGE,
  TONIC_SESSION_FIELD_NOTE,
} TonicSessionField;

/**
 * tonic_session_check_draft:
 *
 * What saving a draft needs: texts within limits without control
 * characters; numbers in range when set (weight, dose, given, bag,
 * concentration, minutes); times in order (start ≤ end ≤ ready) and not
 * in the future. NULL or a translated message, @field set to the field.
 *
 * @now is a UTC ISO-8601 moment (NULL: the clock). Numbers are "set" when
 * not 0: weight TONIC_WEIGHT_KG_MIN–MAX, dose > 0 and ≤ the per-kg or mg
 * limit, calculated and given ≤ TONIC_DOSE_MG_MAX, bag, concentration,
 * infusion minutes (0–1440) and observation minutes (0–1440). Every time
 * (check-in and weight time included, under PRECHECKS and WEIGHT) must be
 * a moment with a zone; an end needs a start; the ready time (DISCHARGE)
 * comes after start and end. Aldrete items are -1 or 0–2. Lot and driver
 * name are single lines of at most TONIC_SESSION_LINE_MAX; the other texts
 * TONIC_SESSION_TEXT_MAX.
 */
char         *tonic_session_check_draft (const TonicSession *session,
                                         const char         *now,
                                         TonicSessionField  *field);

/**
 * tonic_session_check_signable:
 * @session: the session, read whole
 * @max_mg: the plan's maximum dose (0: none)
 * @previous_mg: the previous signed session's given dose in the course
 *   (0: none)
 * @needs_suicide_screen: whether the patient's indications ask for a
 *   C-SSRS each session
 *
 * What signing needs beyond the draft checks: pre-checks done (fasting,
 * driver, consent; REMS enrolment for nasal); a weight; a given dose that
 * passes tonic_dose_check_given(); a change reason when the change needs
 * one; lot, start and end times; at least one vitals reading before and
 * after the start; every vitals alert acknowledged; every safety flag
 * acknowledged; a C-SSRS when @needs_suicide_screen; for nasal, the
 * observation minutes ≥ TONIC_REMS_OBSERVATION_MINUTES; all five Aldrete
 * items with a total ≥ 9 and a ready time; a driver name.
 *
 * Failures come in field order. A reading "before the start" is one in
 * phase PRE, "after" one in DURING or RECOVERY. A vitals alert is a row
 * whose level is not NORMAL; it is acknowledged when its action is not
 * NONE. A safety flag is acknowledged when acknowledged_by or
 * acknowledged_at is set. Any C-SSRS score in the session (pre or post)
 * counts as the screen. The change reason needs
 * tonic_dose_change_needs_reason(@previous_mg, given,
 * tonic_session_get_change_limit()); the given dose
 * is checked under GIVEN, the Aldrete score, ready time and driver name
 * under DISCHARGE.
 */
char         *tonic_session_check_signable (const TonicSession *session,
                                            double              max_mg,
                                            double              previous_mg,
                                            gboolean            needs_suicide_screen,
                                            TonicSessionField  *field);

G_END_DECLS
