/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tonic-dose.h"
#include "tonic-indication.h"
#include "tonic-instrument.h"
#include "tonic-vitals.h"

G_BEGIN_DECLS

/* A treatment plan (CLINICAL.md, "Protocol templates", "Screening before a
 * plan"): what a clinician writes before a course of infusions. A plan is
 * started from a protocol template, edited as a draft, and signed; after
 * signing it never changes, and editing it makes a new version (a new
 * draft with the same course). A course is the set of versions that share
 * a course id: its sessions share one baseline. */

/* -- Protocol templates ------------------------------------------------------ */

typedef enum
{
  TONIC_PROTOCOL_IV_DEPRESSION,
  TONIC_PROTOCOL_IV_PAIN,
  TONIC_PROTOCOL_IM,
  TONIC_PROTOCOL_ESKETAMINE,
  TONIC_PROTOCOL_CUSTOM,
} TonicProtocol;

#define TONIC_N_PROTOCOLS 5

/* "iv-depression", "iv-pain", "im", "esketamine", "custom". */
const char  *tonic_protocol_to_string       (TonicProtocol  protocol);
gboolean     tonic_protocol_from_string     (const char    *str,
                                             TonicProtocol *protocol);
const char  *tonic_protocol_get_label       (TonicProtocol  protocol);
/* One translated line on what the template sets ("0.5 mg/kg over 40 min,
 * 6 infusions over 3 weeks, then boosters every 2–6 weeks"). */
const char  *tonic_protocol_get_description (TonicProtocol  protocol);

/* -- Screening ----------------------------------------------------------------- */

/* The screening checklist. A contraindication item blocks (is "hard") when
 * answered yes; a requirement item blocks when answered no. Ids are stable. */
typedef enum
{
  TONIC_SCREEN_HYPERTENSION_OR_HEART,  /* uncontrolled hypertension or heart disease */
  TONIC_SCREEN_VASCULAR,               /* aneurysmal vascular disease, AVM, intracerebral bleed */
  TONIC_SCREEN_PREGNANCY,              /* pregnancy or breastfeeding */
  TONIC_SCREEN_PSYCHOSIS,              /* current or past psychosis */
  TONIC_SCREEN_BIPOLAR_UNSTABILISED,   /* bipolar disorder without a mood stabiliser */
  TONIC_SCREEN_SUBSTANCE_USE,          /* active substance use */
  TONIC_SCREEN_LIVER,                  /* severe liver disease */
  TONIC_SCREEN_PRESSURE,               /* raised intracranial or intraocular pressure */
  TONIC_SCREEN_INTERACTING_DRUGS,      /* MAOIs and other interacting drugs */
  TONIC_SCREEN_CONSENT,                /* consent on file (requirement) */
  TONIC_SCREEN_FASTING,                /* fasting instructions given (requirement) */
  TONIC_SCREEN_DRIVER,                 /* a driver home arranged (requirement) */
} TonicScreenItem;

#define TONIC_N_SCREEN_ITEMS 12

typedef enum
{
  TONIC_SCREEN_ANSWER_UNANSWERED,
  TONIC_SCREEN_ANSWER_NO,
  TONIC_SCREEN_ANSWER_YES,
} TonicScreenAnswer;

/* "hypertension-or-heart", "vascular", "pregnancy", "psychosis",
 * "bipolar-unstabilised", "substance-use", "liver", "pressure",
 * "interacting-drugs", "consent", "fasting", "driver". */
const char  *tonic_screen_item_to_string    (TonicScreenItem item);
const char  *tonic_screen_item_get_label    (TonicScreenItem item);
/* TRUE for requirements (consent, fasting, driver): "yes" is the good
 * answer. */
gboolean     tonic_screen_item_is_requirement (TonicScreenItem item);
/* Whether the item blocks signing when answered badly: every
 * contraindication except substance use and interacting drugs (which
 * warn), and consent. The vascular item is hard for esketamine and a
 * warning for the other protocols. */
gboolean     tonic_screen_item_is_hard      (TonicScreenItem item,
                                             TonicProtocol   protocol);
/* Whether @answer to @item is the bad one (contraindication present, or
 * requirement missing). Unanswered counts as bad for hard items. */
gboolean     tonic_screen_item_blocks       (TonicScreenItem   item,
                                             TonicProtocol     protocol,
                                             TonicScreenAnswer answer);

/* -- The plan -------------------------------------------------------------------- */

typedef enum
{
  TONIC_PLAN_STATUS_DRAFT,
  TONIC_PLAN_STATUS_SIGNED,       /* the course's current signed version */
  TONIC_PLAN_STATUS_SUPERSEDED,   /* an earlier signed version */
  TONIC_PLAN_STATUS_ENDED,        /* the course was ended */
} TonicPlanStatus;

/* "draft", "signed", "superseded", "ended". */
const char  *tonic_plan_status_to_string    (TonicPlanStatus  status);
gboolean     tonic_plan_status_from_string  (const char      *str,
                                             TonicPlanStatus *status);
const char  *tonic_plan_status_get_label    (TonicPlanStatus  status);

/* Limits. */
#define TONIC_PLAN_TEXT_MAX            4000   /* goals, override reason, change note */
#define TONIC_PLAN_INDUCTION_MAX         30   /* infusions */
#define TONIC_PLAN_WEEKS_MAX             52

/**
 * TonicPlan:
 *
 * One version of a plan, as plain values that the plan owns (strings are
 * g_free()d by tonic_plan_free(); NULL and "" both mean empty). The store
 * fills the ids, version, status and the who/when fields; a form edits the
 * rest. Doses: in mg/kg for PER_KG, in mg for FIXED (titration range and
 * dose alike); @max_dose_mg is always in mg (0: none).
 */
typedef struct
{
  gint64                 id;
  gint64                 patient_id;
  gint64                 course_id;        /* id of the course's first version */
  int                    version;          /* 1, 2, … within the course */
  TonicPlanStatus        status;
  TonicProtocol          protocol;

  TonicIndication        indications;
  TonicInstrumentSet     measures;

  /* Phases */
  int                    induction_count;      /* infusions */
  int                    induction_weeks;
  int                    maintenance_min_weeks; /* booster interval */
  int                    maintenance_max_weeks;

  /* Dosing */
  TonicRoute             route;
  TonicDoseMode          dose_mode;
  double                 dose;                 /* mg/kg or mg */
  double                 titration_min;        /* mg/kg or mg */
  double                 titration_max;
  double                 max_dose_mg;
  int                    infusion_minutes;     /* IV; 0 otherwise */
  double                 bag_ml;               /* IV default bag; 0: none */
  double                 concentration_mg_per_ml; /* IM / vial; 0: none */
  int                    weight_max_age_days;  /* 30 */

  /* Vitals */
  TonicVitalsSchedule    vitals_schedule;
  TonicVitalsThresholds  thresholds;

  /* Screening */
  TonicScreenAnswer      screening[TONIC_N_SCREEN_ITEMS];
  char                  *override_reason;      /* why signing despite a hard item */
  char                  *consent_date;         /* "YYYY-MM-DD" or NULL */
  char                  *goals;

  /* Versions */
  char                  *change_note;          /* why it changed (versions ≥ 2) */
  guint                  changed_fields;       /* tonic_plan_diff() against the
                                                * previous signed version, set
                                                * by the store when signing */
  char                  *created_at;           /* UTC ISO-8601 */
  gint64                 created_by;
  char                  *created_by_name;
  char                  *signed_at;
  gint64                 signed_by;
  char                  *signed_by_name;
} TonicPlan;

#define TONIC_TYPE_PLAN (tonic_plan_get_type ())
GType        tonic_plan_get_type            (void) G_GNUC_CONST;

/* A new draft filled from @protocol's template for @indications (measures
 * from tonic_instrument_set_for_indications(); everything else from
 * CLINICAL.md "Protocol templates"; thresholds and schedule from the
 * defaults; screening unanswered):
 *   IV depression: IV, 0.5 mg/kg over 40 min, titration 0.5–1.0 mg/kg,
 *     induction 6 over 3 weeks, boosters every 2–6 weeks, 100 mL bag.
 *   IV pain: IV, 1.0 mg/kg (0.5–2 mg/kg) over 240 min, induction 5 over 1
 *     week, boosters every 4–8 weeks, 250 mL bag.
 *   IM: IM, 0.75 mg/kg (0.5–1.0), 50 mg/mL, induction 6 over 3 weeks,
 *     boosters every 2–6 weeks.
 *   Esketamine: nasal, fixed 56 mg (56–84 mg), max 84 mg, induction 8 over
 *     4 weeks (twice weekly), then weekly or every 2 weeks (1–2 weeks),
 *     REMS vitals schedule.
 *   Custom: IV, 0.5 mg/kg over 40 min, nothing else (no induction,
 *     boosters, titration range, maximum or bag: the form asks for the
 *     induction before the draft can be saved).
 * Per-kg templates set a maximum of the titration maximum × 120 kg. Every
 * template keeps weights for TONIC_WEIGHT_MAX_AGE_DAYS. */
TonicPlan   *tonic_plan_new_from_protocol   (TonicProtocol    protocol,
                                             TonicIndication  indications);
/* How long a plan may keep using a weight: 1 to this many days. */
#define TONIC_PLAN_WEIGHT_AGE_MAX_DAYS 365
TonicPlan   *tonic_plan_copy                (const TonicPlan *plan);
void         tonic_plan_free                (TonicPlan       *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TonicPlan, tonic_plan_free)

/* The fields of the plan form, for messages and the "what changed" list. */
typedef enum
{
  TONIC_PLAN_FIELD_PROTOCOL,
  TONIC_PLAN_FIELD_INDICATIONS,
  TONIC_PLAN_FIELD_MEASURES,
  TONIC_PLAN_FIELD_INDUCTION,        /* count and weeks */
  TONIC_PLAN_FIELD_MAINTENANCE,      /* booster interval */
  TONIC_PLAN_FIELD_ROUTE,
  TONIC_PLAN_FIELD_DOSE,             /* mode and dose */
  TONIC_PLAN_FIELD_TITRATION,
  TONIC_PLAN_FIELD_MAX_DOSE,
  TONIC_PLAN_FIELD_INFUSION_MINUTES,
  TONIC_PLAN_FIELD_DILUTION,         /* bag or concentration */
  TONIC_PLAN_FIELD_WEIGHT_AGE,
  TONIC_PLAN_FIELD_VITALS_SCHEDULE,
  TONIC_PLAN_FIELD_THRESHOLDS,
  TONIC_PLAN_FIELD_SCREENING,
  TONIC_PLAN_FIELD_OVERRIDE_REASON,
  TONIC_PLAN_FIELD_CONSENT_DATE,
  TONIC_PLAN_FIELD_GOALS,
} TonicPlanField;

#define TONIC_N_PLAN_FIELDS (TONIC_PLAN_FIELD_GOALS + 1)

/* "protocol", "indications", …; and the translated label ("Induction"). */
const char  *tonic_plan_field_to_string     (TonicPlanField field);
const char  *tonic_plan_field_get_label     (TonicPlanField field);

/**
 * tonic_plan_check_field:
 * @plan: the plan
 * @field: which field
 * @today: the local date "YYYY-MM-DD" (NULL: today)
 *
 * Checks one field for saving a draft: NULL, or a translated message to
 * show next to it. Induction 1–30 infusions over 1–52 weeks; maintenance
 * 0–52 weeks with min ≤ max; dose > 0 and ≤ TONIC_DOSE_MG_PER_KG_MAX (per
 * kg) or TONIC_DOSE_MG_MAX; titration min ≤ dose ≤ titration max when a
 * range is set; a maximum, when set, not below the dose (fixed) and ≤
 * TONIC_DOSE_MG_MAX; IV needs infusion minutes (1–1440), others none;
 * nasal needs a fixed dose that is a multiple of 28 mg; dilution within
 * limits; weight age 1–365 days; thresholds and schedule sane; texts within
 * TONIC_PLAN_TEXT_MAX and without control characters; consent date a real
 * date not in the future; at least one measure.
 *
 * Details: a titration range is set when either end is not 0, and then
 * needs both ends > 0 and its end ≤ the dose limit. The maximum (0: none)
 * is in mg whatever the dose mode. Dilution: bag 0–TONIC_BAG_ML_MAX mL and
 * concentration 0–TONIC_CONCENTRATION_MAX mg/mL (0: none). Schedule:
 * intervals 1–60 min, or with REMS the check minute 1–120 (the intervals
 * are then not checked). Indications and measures must be known flags;
 * screening answers known values (unanswered is fine for a draft). The
 * change note has no field of its own: it is checked with GOALS, beside
 * which the form shows it.
 */
char        *tonic_plan_check_field         (const TonicPlan *plan,
                                             TonicPlanField   field,
                                             const char      *today);
/* The first field that fails, or NULL (and @field untouched) when the draft
 * can be saved. */
char        *tonic_plan_check               (const TonicPlan *plan,
                                             const char      *today,
                                             TonicPlanField  *field);
/* What signing needs beyond tonic_plan_check(): a consent date; every hard
 * screening item answered; and when any hard item blocks
 * (tonic_plan_get_blocking_items()), an override reason. NULL or the
 * message. */
char        *tonic_plan_check_signable      (const TonicPlan *plan,
                                             const char      *today,
                                             TonicPlanField  *field);
/* The hard screening items that block, as a mask of (1 << item). */
guint        tonic_plan_get_blocking_items  (const TonicPlan *plan);
/* The items answered badly that are warnings only (not hard). */
guint        tonic_plan_get_warning_items   (const TonicPlan *plan);

/* The fields that differ between two versions, as a mask of
 * (1 << TonicPlanField), and as a translated list of their labels
 * ("Dose, Maximum dose"), for the version history. */
guint        tonic_plan_diff                (const TonicPlan *old_plan,
                                             const TonicPlan *new_plan);
char        *tonic_plan_format_diff         (guint            fields);

/* Screening answers as stored: "pregnancy=no;psychosis=yes;…" (only the
 * answered items, in item order). parse sets every item unanswered first,
 * ignores white space and empty parts, and returns FALSE on an unknown id,
 * an answer other than "yes" or "no", or a part without "="; @answers still
 * gets the known answers. NULL and "" are all unanswered. */
char        *tonic_plan_format_screening    (const TonicScreenAnswer answers[TONIC_N_SCREEN_ITEMS]);
gboolean     tonic_plan_parse_screening     (const char             *text,
                                             TonicScreenAnswer       answers[TONIC_N_SCREEN_ITEMS]);

/* The dose of the plan in words, numbers without needless zeros:
 * "0.5 mg/kg IV over 40 min", "0.75 mg/kg IM", "56 mg nasal spray" ("… IV"
 * alone when no infusion length is set). (g_free()) */
char        *tonic_plan_format_dose         (const TonicPlan *plan);

/* -- Where a patient is in a course ------------------------------------------------- */

typedef enum
{
  TONIC_COURSE_PHASE_NONE,         /* no signed plan */
  TONIC_COURSE_PHASE_INDUCTION,    /* fewer signed sessions than the induction count */
  TONIC_COURSE_PHASE_MAINTENANCE,  /* induction done: boosters */
  TONIC_COURSE_PHASE_ENDED,
} TonicCoursePhase;

/* "none", "induction", "maintenance", "ended". */
const char  *tonic_course_phase_to_string   (TonicCoursePhase  phase);
gboolean     tonic_course_phase_from_string (const char       *str,
                                             TonicCoursePhase *phase);
const char  *tonic_course_phase_get_label   (TonicCoursePhase  phase);

/* The phase of a course whose current signed plan is @plan (NULL: none)
 * after @n_sessions signed sessions: NONE for NULL or a draft, ENDED for a
 * plan whose status is ENDED; otherwise INDUCTION while @n_sessions is
 * below the induction count and MAINTENANCE from then on (at once when the
 * induction count is 0). A SUPERSEDED plan counts as signed. */
TonicCoursePhase tonic_course_get_phase     (const TonicPlan *plan,
                                             guint            n_sessions);

/* When the plan's primary measure is due next: the date of its last score
 * (YYYY-MM-DD; NULL: never scored) plus the interval — 7 days in induction,
 * the plan's maintenance maximum in weeks otherwise (7 days when 0). With
 * no score at all it is due on @plan_signed_on. The patient list's
 * "overdue rating scale" flag is this date < today. Returns NULL when
 * @phase is NONE or ENDED, and when there is no score and @plan_signed_on
 * is NULL or not a date. Both dates may be "YYYY-MM-DD" or a UTC ISO-8601
 * moment (its local date is used). Returns "YYYY-MM-DD". (g_free()) */
char        *tonic_course_get_scale_due_on  (const TonicPlan *plan,
                                             TonicCoursePhase phase,
                                             const char      *plan_signed_on,
                                             const char      *last_scored_on);

G_END_DECLS
