/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tonic-indication.h"

G_BEGIN_DECLS

/* The rating scales and observer scores Tonic records (CLINICAL.md,
 * "Instruments"). Tonic scores every one from its item answers: a total is
 * never typed. The whole definition — items, their ranges and anchors,
 * scoring, severity bands, response and remission rules, safety items — is
 * one table in tonic-instrument.c. New instruments are appended; ids never
 * change.
 *
 *   instrument         id           items × range   total    scoring
 *   PHQ-9              phq-9         9 × 0–3        0–27     sum
 *   GAD-7              gad-7         7 × 0–3        0–21     sum
 *   PCL-5              pcl-5        20 × 0–4        0–80     sum
 *   MADRS              madrs        10 × 0–6        0–60     sum
 *   QIDS-SR16          qids-sr16    16 × 0–3        0–27     9 domains: max of
 *                                                            items 1–4 (sleep),
 *                                                            max of 6–9 (appetite/
 *                                                            weight), max of 15–16
 *                                                            (psychomotor), the
 *                                                            others as they are
 *   C-SSRS screener    c-ssrs        7 × no/yes     risk     highest risk of the
 *                                                            items answered yes
 *   CADSS              cadss        23 × 0–4        0–92     sum
 *   MOAA/S             moaas         1 × 0–5        0–5      the answer
 *   Pain NRS           pain-nrs      1 × 0–10       0–10     the answer
 *   BPI severity       bpi-severity  4 × 0–10       0–10     mean, 0.1 steps
 *   BPI interference   bpi-interference 7 × 0–10    0–10     mean, 0.1 steps
 *
 * C-SSRS screener items (0 = no, 1 = yes): 1 wish to be dead, 2 non-specific
 * active suicidal thoughts, 3 active ideation with any methods (no intent),
 * 4 active ideation with some intent, 5 active ideation with a specific plan
 * and intent, 6 suicidal behaviour ever, 7 suicidal behaviour in the past 3
 * months. Its "total" is the risk level: 0 none, 1 low (items 1–2), 2
 * moderate (items 3, 6), 3 high (items 4, 5, 7). When item 2 is "no",
 * items 3–5 are skipped by the interview: they may then be given as
 * TONIC_ANSWER_SKIPPED (and count as no); otherwise every item must be
 * answered.
 */
typedef enum
{
  TONIC_INSTRUMENT_PHQ9,
  TONIC_INSTRUMENT_GAD7,
  TONIC_INSTRUMENT_PCL5,
  TONIC_INSTRUMENT_MADRS,
  TONIC_INSTRUMENT_QIDS_SR16,
  TONIC_INSTRUMENT_CSSRS,
  TONIC_INSTRUMENT_CADSS,
  TONIC_INSTRUMENT_MOAAS,
  TONIC_INSTRUMENT_PAIN_NRS,
  TONIC_INSTRUMENT_BPI_SEVERITY,
  TONIC_INSTRUMENT_BPI_INTERFERENCE,
} TonicInstrument;

#define TONIC_N_INSTRUMENTS (TONIC_INSTRUMENT_BPI_INTERFERENCE + 1)

/* A set of instruments (a plan's measures): bit (1 << instrument). Stored as
 * the comma-separated ids in table order ("phq-9,madrs"), like indications. */
typedef guint32 TonicInstrumentSet;
#define TONIC_INSTRUMENT_BIT(i) ((TonicInstrumentSet) (1u << (i)))

/* An unanswered item, in an answers array. */
#define TONIC_ANSWER_MISSING (-1)
/* An item the interview skipped (C-SSRS items 3–5 after "no" to item 2). */
#define TONIC_ANSWER_SKIPPED (-2)

/* When an instrument is given: a self-report or clinician scale measures the
 * course (before dosing); CADSS and MOAA/S observe the dose (after it). */
typedef enum
{
  TONIC_INSTRUMENT_KIND_OUTCOME,    /* PHQ-9, GAD-7, PCL-5, MADRS, QIDS, pain, BPI */
  TONIC_INSTRUMENT_KIND_SCREEN,     /* C-SSRS */
  TONIC_INSTRUMENT_KIND_POST_DOSE,  /* CADSS, MOAA/S */
} TonicInstrumentKind;

typedef struct
{
  const char         *id;          /* "phq9-9": stable, stored with answers */
  const char         *text;        /* N_(): a short paraphrase of the item */
  int                 min;
  int                 max;
  /* N_() labels of min … max (max - min + 1 of them), or NULL when the
   * range is a plain number scale (pain 0–10). */
  const char * const *anchors;
} TonicInstrumentItem;

/* A severity band: scores from @from (inclusive) up to the next band's
 * @from. Bands are listed from the lowest; the first starts at the
 * instrument's minimum. */
typedef struct
{
  double      from;
  const char *label;     /* N_(): "Moderate" */
} TonicInstrumentBand;

/* The response and remission rules of an outcome instrument (CLINICAL.md
 * defaults; a practice may change them: they are settings). A rule that
 * does not apply has its value set to 0 and its kind to NONE. */
typedef enum
{
  TONIC_RESPONSE_RULE_NONE,
  TONIC_RESPONSE_RULE_PERCENT_FALL,   /* fall ≥ @response % of the baseline */
  TONIC_RESPONSE_RULE_POINTS_FALL,    /* fall ≥ @response points */
} TonicResponseRule;

typedef enum
{
  TONIC_REMISSION_RULE_NONE,
  TONIC_REMISSION_RULE_BELOW,         /* score < @remission */
  TONIC_REMISSION_RULE_AT_MOST,       /* score ≤ @remission */
} TonicRemissionRule;

typedef struct
{
  TonicResponseRule   response_rule;
  double              response;      /* 50 (%), 10 (points) */
  TonicRemissionRule  remission_rule;
  double              remission;     /* 5, 31, 10 … */
} TonicOutcomeRules;

/* What a total means for safety (CLINICAL.md: PHQ-9 item 9 ≥ 1, or C-SSRS
 * high risk → an alert a clinician must acknowledge). */
typedef enum
{
  TONIC_SAFETY_NONE,
  TONIC_SAFETY_PHQ9_ITEM9,       /* PHQ-9 item 9 answered ≥ 1 */
  TONIC_SAFETY_CSSRS_HIGH,       /* C-SSRS screener high risk */
} TonicSafetyFlag;

typedef struct
{
  TonicInstrument  instrument;
  double           total;      /* whole numbers except BPI means */
  guint            band;       /* index into the bands; 0 when there are none */
  TonicSafetyFlag  safety;
} TonicScore;

#define TONIC_TYPE_INSTRUMENT (tonic_instrument_get_type ())
GType        tonic_instrument_get_type       (void) G_GNUC_CONST;

/* "phq-9", "gad-7", … (see the table above). */
const char  *tonic_instrument_to_string      (TonicInstrument  instrument);
gboolean     tonic_instrument_from_string    (const char      *str,
                                              TonicInstrument *instrument);
/* The short name ("PHQ-9") and the long one ("Patient Health
 * Questionnaire-9"), translated. */
const char  *tonic_instrument_get_label      (TonicInstrument  instrument);
const char  *tonic_instrument_get_title      (TonicInstrument  instrument);
/* A translated note on how it is given ("Over the last 2 weeks, how often
 * have you been bothered by…"), or NULL. */
const char  *tonic_instrument_get_prompt     (TonicInstrument  instrument);
TonicInstrumentKind tonic_instrument_get_kind (TonicInstrument instrument);
/* LOINC code of the total for export ("44261-6"), or NULL when it has none. */
const char  *tonic_instrument_get_loinc      (TonicInstrument  instrument);

guint        tonic_instrument_get_n_items    (TonicInstrument  instrument);
const TonicInstrumentItem *
             tonic_instrument_get_item       (TonicInstrument  instrument,
                                              guint            index);
/* Lowest and highest possible total. */
double       tonic_instrument_get_min_total  (TonicInstrument  instrument);
double       tonic_instrument_get_max_total  (TonicInstrument  instrument);
/* Digits after the decimal point a total is shown with (0, or 1 for BPI). */
guint        tonic_instrument_get_digits     (TonicInstrument  instrument);

guint        tonic_instrument_get_n_bands    (TonicInstrument  instrument);
const TonicInstrumentBand *
             tonic_instrument_get_band       (TonicInstrument  instrument,
                                              guint            index);
/* The band @total falls in. */
guint        tonic_instrument_find_band      (TonicInstrument  instrument,
                                              double           total);

/* The defaults of CLINICAL.md:
 *   PHQ-9, GAD-7, MADRS, QIDS-SR16: response ≥ 50 % fall;
 *   PCL-5: ≥ 10 points; pain NRS and BPI: ≥ 30 % (moderate; ≥ 50 % is
 *   "substantial", tonic_instrument_is_substantial_pain_relief());
 *   remission PHQ-9 < 5, GAD-7 < 5, PCL-5 < 31, MADRS ≤ 10, QIDS ≤ 5;
 *   none for the rest. */
void         tonic_instrument_get_default_rules (TonicInstrument    instrument,
                                                 TonicOutcomeRules *rules);

/**
 * tonic_instrument_score:
 * @instrument: the instrument
 * @answers: one answer per item, in item order
 * @n_answers: how many; must be tonic_instrument_get_n_items()
 * @score: (out): the result, set only on success
 *
 * Scores a completed instrument. Returns NULL on success; otherwise a
 * translated message naming the first item at fault ("Item 4 is not
 * answered", "Item 2 must be between 0 and 3"), like the tonic_check_*()
 * functions (g_free()): a wrong number of answers, a missing answer, a
 * value out of the item's range, or a skip where the instrument allows none.
 */
char        *tonic_instrument_score          (TonicInstrument  instrument,
                                              const int       *answers,
                                              guint            n_answers,
                                              TonicScore      *score);

/* Answers as stored: the values joined by "," ("0,1,3,…"; "" for missing,
 * "s" for skipped). parse returns NULL (and 0 answers) on anything else:
 * signs, spaces, letters other than "s". "" parses as no answers at all
 * (every instrument has at least one item). (g_free()) */
char        *tonic_instrument_format_answers (const int       *answers,
                                              guint            n_answers);
int         *tonic_instrument_parse_answers  (const char      *text,
                                              guint           *n_answers);

/* A total shown as text, with the instrument's digits ("21", "6.5"). */
char        *tonic_instrument_format_total   (TonicInstrument  instrument,
                                              double           total);

/* The translated message of a safety flag, for the alert
 * ("PHQ-9 item 9: thoughts of self-harm reported"); NULL for NONE. */
const char  *tonic_safety_flag_get_message   (TonicSafetyFlag  flag);
/* "none", "phq9-item9", "cssrs-high". */
const char  *tonic_safety_flag_to_string     (TonicSafetyFlag  flag);
gboolean     tonic_safety_flag_from_string   (const char      *str,
                                              TonicSafetyFlag *flag);

/* -- Sets of instruments ----------------------------------------------------- */

char        *tonic_instrument_format_set     (TonicInstrumentSet  set);
/* FALSE when an id is unknown; @set still gets the known ones. */
gboolean     tonic_instrument_parse_set      (const char         *text,
                                              TonicInstrumentSet *set);
/* "PHQ-9, MADRS"; "" for none. (g_free()) */
char        *tonic_instrument_format_set_labels (TonicInstrumentSet set);

/* The measures a plan for @indications starts with (CLINICAL.md,
 * "Indications and the measures that follow them"): depression of any kind
 * → PHQ-9, MADRS, QIDS-SR16; anxiety → GAD-7; PTSD → PCL-5; suicidal
 * ideation → C-SSRS and PHQ-9; chronic pain → pain NRS, BPI severity and
 * interference. Any indication that needs a suicide screen
 * (tonic_indication_needs_suicide_screen()) adds C-SSRS. */
TonicInstrumentSet tonic_instrument_set_for_indications (TonicIndication indications);
/* The first outcome instrument of @set in this order: PHQ-9, MADRS,
 * QIDS-SR16, GAD-7, PCL-5, pain NRS, BPI severity, BPI interference; -1 when
 * it has none. The primary measure's status marks a patient's course. */
int          tonic_instrument_set_get_primary (TonicInstrumentSet set);

/* -- A course of scores -------------------------------------------------------- */

/* Whether @score meets the response rule against @baseline (FALSE when
 * there is no rule or @baseline is 0 under a percent rule). */
gboolean     tonic_outcome_is_response       (const TonicOutcomeRules *rules,
                                              double                   baseline,
                                              double                   score);
gboolean     tonic_outcome_is_remission      (const TonicOutcomeRules *rules,
                                              double                   score);
/* Pain: a fall of ≥ 50 % of @baseline. */
gboolean     tonic_instrument_is_substantial_pain_relief (double baseline,
                                                          double score);
/* Change from baseline in percent (negative: a fall); 0 when @baseline is 0. */
double       tonic_outcome_percent_change    (double                   baseline,
                                              double                   score);

typedef enum
{
  TONIC_OUTCOME_NO_BASELINE,        /* no score in the course yet */
  TONIC_OUTCOME_BASELINE,           /* only the baseline */
  TONIC_OUTCOME_UNCHANGED,          /* latest within the rule's neutral zone */
  TONIC_OUTCOME_IMPROVING,          /* lower than baseline, no response yet */
  TONIC_OUTCOME_WORSE,              /* higher than baseline */
  TONIC_OUTCOME_RESPONSE,           /* latest meets the response rule */
  TONIC_OUTCOME_SUSTAINED_RESPONSE, /* the latest two consecutive do */
  TONIC_OUTCOME_REMISSION,          /* latest meets the remission rule */
} TonicOutcomeStatus;

/* The status of a course from its scores in date order (the first is the
 * baseline: CLINICAL.md, "Baseline = the first score of the current
 * course"). Lower is better for every outcome instrument. From the latest
 * score, the first that holds:
 *   REMISSION           it meets the remission rule;
 *   SUSTAINED_RESPONSE  it and the score before it (not the baseline) both
 *                       meet the response rule;
 *   RESPONSE            it meets the response rule;
 *   UNCHANGED           it is within the neutral zone of the baseline:
 *                       ±2 points under a points rule, else ±5 % of the
 *                       baseline (a baseline of 0: only 0 itself);
 *   IMPROVING / WORSE   below / above the baseline beyond that zone.
 * With no rules (NONE) only the last three apply. */
TonicOutcomeStatus tonic_outcome_get_status  (const TonicOutcomeRules *rules,
                                              const double            *scores,
                                              guint                    n_scores);
const char  *tonic_outcome_status_get_label  (TonicOutcomeStatus       status);

G_END_DECLS
