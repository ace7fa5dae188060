/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-instrument"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-flags.h"
#include "tonic-instrument.h"

/* How the answers make the total. */
typedef enum
{
  SCORING_SUM,      /* the answers added up */
  SCORING_DOMAINS,  /* the highest answer of each domain, the domains added up */
  SCORING_RISK,     /* the highest risk level of the items answered yes */
  SCORING_SINGLE,   /* the one item's answer */
  SCORING_MEAN,     /* the mean of the answers, rounded to 0.1 */
} Scoring;

/* Items @first … @last (1-based) may be skipped when item @gate is 0. */
typedef struct
{
  guint first;
  guint last;
  guint gate;
} SkipRule;

/* @flag is raised when item @item (1-based; 0 for the total) is at least
 * @at_least. */
typedef struct
{
  TonicSafetyFlag flag;
  guint           item;
  double          at_least;
} SafetyRule;

typedef struct
{
  const char                *enum_name;
  const char                *id;
  const char                *label;       /* N_() */
  const char                *title;       /* N_() */
  const char                *prompt;      /* N_(), or NULL */
  TonicInstrumentKind        kind;
  const char                *loinc;
  const TonicInstrumentItem *items;
  guint                      n_items;
  Scoring                    scoring;
  const guint8              *domains;     /* DOMAINS: each item's domain */
  const guint8              *risks;       /* RISK: each item's level when yes */
  const TonicInstrumentBand *bands;
  guint                      n_bands;
  TonicOutcomeRules          rules;
  SafetyRule                 safety;
  SkipRule                   skip;
} InstrumentInfo;

#define MAX_ITEMS 23
#define EPSILON   1e-9
/* The neutral zone of tonic_outcome_get_status(). */
#define UNCHANGED_PERCENT 5.0
#define UNCHANGED_POINTS  2.0

#define ENUM(e)         .enum_name = #e
#define ITEMS(a)        .items = a, .n_items = G_N_ELEMENTS (a)
#define BANDS(a)        .bands = a, .n_bands = G_N_ELEMENTS (a)
#define PERCENT_FALL(p) .response_rule = TONIC_RESPONSE_RULE_PERCENT_FALL, .response = p
#define POINTS_FALL(p)  .response_rule = TONIC_RESPONSE_RULE_POINTS_FALL, .response = p
#define BELOW(v)        .remission_rule = TONIC_REMISSION_RULE_BELOW, .remission = v
#define AT_MOST(v)      .remission_rule = TONIC_REMISSION_RULE_AT_MOST, .remission = v

/* -- Answer labels ------------------------------------------------------------ */

static const char * const frequency_anchors[] = {
  N_("Not at all"),
  N_("On a few days"),
  N_("On more than half the days"),
  N_("Almost every day"),
};

static const char * const bother_anchors[] = {
  N_("Not at all"),
  N_("Slightly"),
  N_("Moderately"),
  N_("Quite a lot"),
  N_("Extremely"),
};

/* MADRS anchors its items at 0, 2, 4 and 6; the odd values lie between. */
static const char * const madrs_anchors[] = {
  N_("Absent"),
  N_("Doubtful"),
  N_("Mild"),
  N_("Mild to marked"),
  N_("Marked"),
  N_("Marked to severe"),
  N_("Severe"),
};

static const char * const qids_anchors[] = {
  N_("None or usual"),
  N_("Slight"),
  N_("Moderate"),
  N_("Marked"),
};

static const char * const yes_no_anchors[] = {
  N_("No"),
  N_("Yes"),
};

static const char * const moaas_anchors[] = {
  N_("No response to a painful squeeze"),
  N_("Responds only to a painful squeeze"),
  N_("Responds only to a prod or a shake"),
  N_("Responds only to the name said loudly or repeatedly"),
  N_("Slow to respond to the name said normally"),
  N_("Responds at once to the name said normally"),
};

/* -- Items (short paraphrases, not the instruments' wording) ------------------- */

#define PHQ9(n, text)  { "phq9-" #n, text, 0, 3, frequency_anchors }
static const TonicInstrumentItem phq9_items[] = {
  PHQ9 (1, N_("Little interest or enjoyment in usual activities")),
  PHQ9 (2, N_("Feeling low, depressed or without hope")),
  PHQ9 (3, N_("Trouble getting or staying asleep, or sleeping too much")),
  PHQ9 (4, N_("Tiredness or lack of energy")),
  PHQ9 (5, N_("Poor appetite or eating too much")),
  PHQ9 (6, N_("Feeling bad about oneself, like a failure or a letdown")),
  PHQ9 (7, N_("Difficulty concentrating, for example on reading or television")),
  PHQ9 (8, N_("Moving or speaking noticeably slowly, or being unusually restless")),
  PHQ9 (9, N_("Thoughts of being better off dead or of self-harm")),
};

#define GAD7(n, text)  { "gad7-" #n, text, 0, 3, frequency_anchors }
static const TonicInstrumentItem gad7_items[] = {
  GAD7 (1, N_("Feeling nervous, anxious or on edge")),
  GAD7 (2, N_("Unable to stop or control worrying")),
  GAD7 (3, N_("Worrying too much about many different things")),
  GAD7 (4, N_("Difficulty relaxing")),
  GAD7 (5, N_("So restless that sitting still is hard")),
  GAD7 (6, N_("Easily irritated or annoyed")),
  GAD7 (7, N_("Fearing that something terrible might happen")),
};

#define PCL5(n, text)  { "pcl5-" #n, text, 0, 4, bother_anchors }
static const TonicInstrumentItem pcl5_items[] = {
  PCL5 (1, N_("Unwanted, upsetting memories of the stressful event")),
  PCL5 (2, N_("Upsetting dreams about the event")),
  PCL5 (3, N_("Suddenly feeling or acting as if the event were happening again")),
  PCL5 (4, N_("Feeling very upset when something recalls the event")),
  PCL5 (5, N_("Strong bodily reactions to reminders, such as a pounding heart or sweating")),
  PCL5 (6, N_("Avoiding memories, thoughts or feelings about the event")),
  PCL5 (7, N_("Avoiding people, places or situations that recall the event")),
  PCL5 (8, N_("Trouble remembering important parts of the event")),
  PCL5 (9, N_("Strongly negative beliefs about oneself, others or the world")),
  PCL5 (10, N_("Blaming oneself or others for the event or what followed")),
  PCL5 (11, N_("Lasting negative feelings such as fear, anger, guilt or shame")),
  PCL5 (12, N_("Losing interest in activities once enjoyed")),
  PCL5 (13, N_("Feeling distant or cut off from other people")),
  PCL5 (14, N_("Difficulty feeling positive emotions such as happiness or love")),
  PCL5 (15, N_("Irritability, angry outbursts or aggression")),
  PCL5 (16, N_("Taking too many risks or doing things that could cause harm")),
  PCL5 (17, N_("Being overly alert, watchful or on guard")),
  PCL5 (18, N_("Feeling jumpy or easily startled")),
  PCL5 (19, N_("Difficulty concentrating")),
  PCL5 (20, N_("Trouble falling or staying asleep")),
};

#define MADRS(n, text) { "madrs-" #n, text, 0, 6, madrs_anchors }
static const TonicInstrumentItem madrs_items[] = {
  MADRS (1, N_("Sadness as observed")),
  MADRS (2, N_("Sadness as reported")),
  MADRS (3, N_("Inner tension")),
  MADRS (4, N_("Reduced sleep")),
  MADRS (5, N_("Reduced appetite")),
  MADRS (6, N_("Difficulty concentrating")),
  MADRS (7, N_("Lassitude: difficulty getting started")),
  MADRS (8, N_("Inability to feel interest or emotion")),
  MADRS (9, N_("Pessimistic thoughts: guilt, self-reproach, ruin")),
  MADRS (10, N_("Suicidal thoughts")),
};

#define QIDS(n, text)  { "qids16-" #n, text, 0, 3, qids_anchors }
static const TonicInstrumentItem qids_items[] = {
  QIDS (1, N_("Trouble falling asleep")),
  QIDS (2, N_("Waking during the night")),
  QIDS (3, N_("Waking too early")),
  QIDS (4, N_("Sleeping too much")),
  QIDS (5, N_("Feeling sad")),
  QIDS (6, N_("Less appetite")),
  QIDS (7, N_("More appetite")),
  QIDS (8, N_("Weight loss in the last two weeks")),
  QIDS (9, N_("Weight gain in the last two weeks")),
  QIDS (10, N_("Concentration and making decisions")),
  QIDS (11, N_("How one sees oneself")),
  QIDS (12, N_("Thoughts of death or suicide")),
  QIDS (13, N_("Interest in people and activities")),
  QIDS (14, N_("Energy")),
  QIDS (15, N_("Feeling slowed down")),
  QIDS (16, N_("Feeling restless")),
};

/* Sleep, sad mood, appetite/weight, concentration, self-view, suicidal
 * ideation, interest, energy, psychomotor. */
static const guint8 qids_domains[] = { 0, 0, 0, 0, 1, 2, 2, 2, 2, 3, 4, 5, 6, 7, 8, 8 };

#define CSSRS(n, text) { "cssrs-" #n, text, 0, 1, yes_no_anchors }
static const TonicInstrumentItem cssrs_items[] = {
  CSSRS (1, N_("Past month: wished to be dead or not to wake up")),
  CSSRS (2, N_("Past month: had any thoughts of killing oneself")),
  CSSRS (3, N_("Past month: thought about a way of doing it")),
  CSSRS (4, N_("Past month: had such thoughts with some intention of acting on them")),
  CSSRS (5, N_("Past month: worked out a plan and intended to carry it out")),
  CSSRS (6, N_("Ever done, begun or prepared anything to end one's life")),
  CSSRS (7, N_("Any such behaviour in the past 3 months")),
};

static const guint8 cssrs_risks[] = { 1, 1, 2, 3, 3, 2, 3 };

#define CADSS(n, text) { "cadss-" #n, text, 0, 4, bother_anchors }
static const TonicInstrumentItem cadss_items[] = {
  CADSS (1, N_("Things seem to move in slow motion")),
  CADSS (2, N_("Things seem unreal, as in a dream")),
  CADSS (3, N_("Feeling apart from events, as if in a film or a play")),
  CADSS (4, N_("Seeing things as if from outside one's body")),
  CADSS (5, N_("Watching what happens like a spectator")),
  CADSS (6, N_("Feeling disconnected from one's body")),
  CADSS (7, N_("One's body feels changed in size or shape")),
  CADSS (8, N_("People seem still, lifeless or mechanical")),
  CADSS (9, N_("Objects look different than expected")),
  CADSS (10, N_("Colours seem faded")),
  CADSS (11, N_("Seeing as if through a tunnel or a wide lens")),
  CADSS (12, N_("The experience seems to last much longer than expected")),
  CADSS (13, N_("Things seem to happen very fast")),
  CADSS (14, N_("Things happen that cannot be accounted for afterwards")),
  CADSS (15, N_("Spacing out or losing track of what is happening")),
  CADSS (16, N_("Sounds fade away or seem much louder than expected")),
  CADSS (17, N_("Things seem unusually vivid or sharp")),
  CADSS (18, N_("The world seems foggy, far away or unclear")),
  CADSS (19, N_("Colours seem much brighter than expected")),
  CADSS (20, N_("Unsure who one really is")),
  CADSS (21, N_("Feeling like a different person")),
  CADSS (22, N_("Gaps in memory")),
  CADSS (23, N_("Feeling numb or cut off from one's emotions")),
};

static const TonicInstrumentItem moaas_items[] = {
  { "moaas-1", N_("Response to the observer"), 0, 5, moaas_anchors },
};

static const TonicInstrumentItem pain_items[] = {
  { "pain-1", N_("Pain right now"), 0, 10, NULL },
};

#define BPIS(n, text)  { "bpi-severity-" #n, text, 0, 10, NULL }
static const TonicInstrumentItem bpi_severity_items[] = {
  BPIS (1, N_("Worst pain in the last 24 hours")),
  BPIS (2, N_("Least pain in the last 24 hours")),
  BPIS (3, N_("Pain on average")),
  BPIS (4, N_("Pain right now")),
};

#define BPII(n, text)  { "bpi-interference-" #n, text, 0, 10, NULL }
static const TonicInstrumentItem bpi_interference_items[] = {
  BPII (1, N_("General activity")),
  BPII (2, N_("Mood")),
  BPII (3, N_("Walking")),
  BPII (4, N_("Normal work, at home and outside it")),
  BPII (5, N_("Relations with other people")),
  BPII (6, N_("Sleep")),
  BPII (7, N_("Enjoyment of life")),
};

/* -- Severity bands ------------------------------------------------------------ */

static const TonicInstrumentBand phq9_bands[] = {
  { 0, N_("None–minimal") },
  { 5, N_("Mild") },
  { 10, N_("Moderate") },
  { 15, N_("Moderately severe") },
  { 20, N_("Severe") },
};

static const TonicInstrumentBand gad7_bands[] = {
  { 0, N_("Minimal") },
  { 5, N_("Mild") },
  { 10, N_("Moderate") },
  { 15, N_("Severe") },
};

/* CLINICAL.md: a cut-off of 31–33; the practice default is 31. */
static const TonicInstrumentBand pcl5_bands[] = {
  { 0, N_("Below threshold") },
  /* Translators: post-traumatic stress disorder; use your language's usual abbreviation. */
  { 31, N_("Probable PTSD") },
};

static const TonicInstrumentBand madrs_bands[] = {
  { 0, N_("Normal") },
  { 7, N_("Mild") },
  { 20, N_("Moderate") },
  { 35, N_("Severe") },
};

static const TonicInstrumentBand qids_bands[] = {
  { 0, N_("None") },
  { 6, N_("Mild") },
  { 11, N_("Moderate") },
  { 16, N_("Severe") },
  { 21, N_("Very severe") },
};

static const TonicInstrumentBand cssrs_bands[] = {
  { 0, N_("None") },
  /* Translators: a suicide risk level of the C-SSRS screener, as in "Risk: Low" */
  { 1, N_("Low") },
  { 2, N_("Moderate") },
  { 3, N_("High") },
};

/* -- The instruments ------------------------------------------------------------ */

static const InstrumentInfo instruments[] = {
  [TONIC_INSTRUMENT_PHQ9] = {
    ENUM (TONIC_INSTRUMENT_PHQ9), .id = "phq-9",
    .label = N_("PHQ-9"), .title = N_("Patient Health Questionnaire-9"),
    .prompt = N_("How often in the last two weeks has each of these troubled you?"),
    .kind = TONIC_INSTRUMENT_KIND_OUTCOME, .loinc = "44261-6",
    ITEMS (phq9_items), .scoring = SCORING_SUM, BANDS (phq9_bands),
    .rules = { PERCENT_FALL (50), BELOW (5) },
    .safety = { TONIC_SAFETY_PHQ9_ITEM9, 9, 1 },
  },
  [TONIC_INSTRUMENT_GAD7] = {
    ENUM (TONIC_INSTRUMENT_GAD7), .id = "gad-7",
    .label = N_("GAD-7"), .title = N_("Generalized Anxiety Disorder-7"),
    .prompt = N_("How often in the last two weeks has each of these troubled you?"),
    .kind = TONIC_INSTRUMENT_KIND_OUTCOME, .loinc = "70274-6",
    ITEMS (gad7_items), .scoring = SCORING_SUM, BANDS (gad7_bands),
    .rules = { PERCENT_FALL (50), BELOW (5) },
  },
  [TONIC_INSTRUMENT_PCL5] = {
    ENUM (TONIC_INSTRUMENT_PCL5), .id = "pcl-5",
    .label = N_("PCL-5"), .title = N_("PTSD Checklist for DSM-5"),
    .prompt = N_("How much has each of these problems troubled you in the last month?"),
    .kind = TONIC_INSTRUMENT_KIND_OUTCOME,
    ITEMS (pcl5_items), .scoring = SCORING_SUM, BANDS (pcl5_bands),
    .rules = { POINTS_FALL (10), BELOW (31) },
  },
  [TONIC_INSTRUMENT_MADRS] = {
    ENUM (TONIC_INSTRUMENT_MADRS), .id = "madrs",
    .label = N_("MADRS"), .title = N_("Montgomery–Åsberg Depression Rating Scale"),
    .prompt = N_("Rated by the clinician from the interview: 0 absent, 2 mild, 4 marked, "
                 "6 severe; odd values lie between."),
    .kind = TONIC_INSTRUMENT_KIND_OUTCOME,
    ITEMS (madrs_items), .scoring = SCORING_SUM, BANDS (madrs_bands),
    .rules = { PERCENT_FALL (50), AT_MOST (10) },
  },
  [TONIC_INSTRUMENT_QIDS_SR16] = {
    ENUM (TONIC_INSTRUMENT_QIDS_SR16), .id = "qids-sr16",
    .label = N_("QIDS-SR16"),
    .title = N_("Quick Inventory of Depressive Symptomatology, self-report"),
    .prompt = N_("How has each of these been over the last seven days? Only the highest of "
                 "the sleep items, of the appetite and weight items, and of the last two "
                 "items counts."),
    .kind = TONIC_INSTRUMENT_KIND_OUTCOME,
    ITEMS (qids_items), .scoring = SCORING_DOMAINS, .domains = qids_domains,
    BANDS (qids_bands),
    .rules = { PERCENT_FALL (50), AT_MOST (5) },
  },
  [TONIC_INSTRUMENT_CSSRS] = {
    ENUM (TONIC_INSTRUMENT_CSSRS), .id = "c-ssrs",
    .label = N_("C-SSRS"), .title = N_("Columbia Suicide Severity Rating Scale, screener"),
    .prompt = N_("Ask each question; when the answer to item 2 is no, skip items 3 to 5."),
    .kind = TONIC_INSTRUMENT_KIND_SCREEN,
    ITEMS (cssrs_items), .scoring = SCORING_RISK, .risks = cssrs_risks,
    BANDS (cssrs_bands),
    .safety = { TONIC_SAFETY_CSSRS_HIGH, 0, 3 },
    .skip = { 3, 5, 2 },
  },
  [TONIC_INSTRUMENT_CADSS] = {
    ENUM (TONIC_INSTRUMENT_CADSS), .id = "cadss",
    .label = N_("CADSS"), .title = N_("Clinician-Administered Dissociative States Scale"),
    .prompt = N_("Ask after the dose how much each of these is happening now."),
    .kind = TONIC_INSTRUMENT_KIND_POST_DOSE,
    ITEMS (cadss_items), .scoring = SCORING_SUM,
  },
  [TONIC_INSTRUMENT_MOAAS] = {
    ENUM (TONIC_INSTRUMENT_MOAAS), .id = "moaas",
    .label = N_("MOAA/S"),
    .title = N_("Modified Observer’s Assessment of Alertness/Sedation"),
    .prompt = N_("The observer’s rating of how the patient responds: 5 awake, 0 no response."),
    .kind = TONIC_INSTRUMENT_KIND_POST_DOSE,
    ITEMS (moaas_items), .scoring = SCORING_SINGLE,
  },
  [TONIC_INSTRUMENT_PAIN_NRS] = {
    ENUM (TONIC_INSTRUMENT_PAIN_NRS), .id = "pain-nrs",
    .label = N_("Pain NRS"), .title = N_("Pain numeric rating scale"),
    .prompt = N_("Rate the pain from 0, no pain, to 10, the worst pain imaginable."),
    .kind = TONIC_INSTRUMENT_KIND_OUTCOME,
    ITEMS (pain_items), .scoring = SCORING_SINGLE,
    .rules = { PERCENT_FALL (30) },
  },
  [TONIC_INSTRUMENT_BPI_SEVERITY] = {
    ENUM (TONIC_INSTRUMENT_BPI_SEVERITY), .id = "bpi-severity",
    .label = N_("BPI severity"), .title = N_("Brief Pain Inventory: pain severity"),
    .prompt = N_("Rate each from 0, no pain, to 10, the worst pain imaginable."),
    .kind = TONIC_INSTRUMENT_KIND_OUTCOME,
    ITEMS (bpi_severity_items), .scoring = SCORING_MEAN,
    .rules = { PERCENT_FALL (30) },
  },
  [TONIC_INSTRUMENT_BPI_INTERFERENCE] = {
    ENUM (TONIC_INSTRUMENT_BPI_INTERFERENCE), .id = "bpi-interference",
    .label = N_("BPI interference"), .title = N_("Brief Pain Inventory: pain interference"),
    .prompt = N_("How much has pain got in the way of each in the last 24 hours, from 0, "
                 "not at all, to 10, completely?"),
    .kind = TONIC_INSTRUMENT_KIND_OUTCOME,
    ITEMS (bpi_interference_items), .scoring = SCORING_MEAN,
    .rules = { PERCENT_FALL (30) },
  },
};

G_STATIC_ASSERT (G_N_ELEMENTS (instruments) == TONIC_N_INSTRUMENTS);

#define ALL_INSTRUMENTS ((TonicInstrumentSet) ((1u << TONIC_N_INSTRUMENTS) - 1))

/* tonic_instrument_set_get_primary(). */
static const TonicInstrument primary_order[] = {
  TONIC_INSTRUMENT_PHQ9,
  TONIC_INSTRUMENT_MADRS,
  TONIC_INSTRUMENT_QIDS_SR16,
  TONIC_INSTRUMENT_GAD7,
  TONIC_INSTRUMENT_PCL5,
  TONIC_INSTRUMENT_PAIN_NRS,
  TONIC_INSTRUMENT_BPI_SEVERITY,
  TONIC_INSTRUMENT_BPI_INTERFERENCE,
};

#define DEPRESSION (TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION | \
                    TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER | \
                    TONIC_INDICATION_BIPOLAR_DEPRESSION)
#define BIT(i)     TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_##i)

/* CLINICAL.md, "Indications and the measures that follow them". */
static const struct
{
  TonicIndication    indications;
  TonicInstrumentSet measures;
} indication_measures[] = {
  { DEPRESSION, BIT (PHQ9) | BIT (MADRS) | BIT (QIDS_SR16) },
  { TONIC_INDICATION_ANXIETY, BIT (GAD7) },
  { TONIC_INDICATION_PTSD, BIT (PCL5) },
  { TONIC_INDICATION_SUICIDAL_IDEATION, BIT (CSSRS) | BIT (PHQ9) },
  { TONIC_INDICATION_CHRONIC_PAIN, BIT (PAIN_NRS) | BIT (BPI_SEVERITY) | BIT (BPI_INTERFERENCE) },
};

static const struct
{
  TonicSafetyFlag  flag;
  const char      *id;
  const char      *message;   /* N_(), or NULL */
} safety_flags[] = {
  { TONIC_SAFETY_NONE, "none", NULL },
  { TONIC_SAFETY_PHQ9_ITEM9, "phq9-item9", N_("PHQ-9 item 9: thoughts of self-harm reported") },
  { TONIC_SAFETY_CSSRS_HIGH, "cssrs-high", N_("C-SSRS: high risk of suicide") },
};

static const char * const status_labels[] = {
  [TONIC_OUTCOME_NO_BASELINE] = N_("No baseline"),
  [TONIC_OUTCOME_BASELINE] = N_("Baseline"),
  [TONIC_OUTCOME_UNCHANGED] = N_("Unchanged"),
  [TONIC_OUTCOME_IMPROVING] = N_("Improving"),
  [TONIC_OUTCOME_WORSE] = N_("Worse"),
  [TONIC_OUTCOME_RESPONSE] = N_("Response"),
  [TONIC_OUTCOME_SUSTAINED_RESPONSE] = N_("Sustained response"),
  [TONIC_OUTCOME_REMISSION] = N_("Remission"),
};

/* -- Helpers ---------------------------------------------------------------------- */

static const InstrumentInfo *
lookup (TonicInstrument instrument)
{
  if ((guint) instrument >= TONIC_N_INSTRUMENTS)
    return NULL;

  return &instruments[instrument];
}

#define INFO_OR_RETURN(info, instrument, val) \
  const InstrumentInfo *info = lookup (instrument); \
  g_return_val_if_fail (info != NULL, val)

/* The set's ids and labels for the tonic-flags.h helpers, from the table. */
static const TonicFlagInfo *
get_flag_infos (void)
{
  static TonicFlagInfo infos[TONIC_N_INSTRUMENTS];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < TONIC_N_INSTRUMENTS; i++)
        infos[i] = (TonicFlagInfo) { TONIC_INSTRUMENT_BIT (i), instruments[i].id,
                                     instruments[i].label };
      g_once_init_leave (&initialized, 1);
    }

  return infos;
}

/* A skipped item counts as 0 ("no"). */
static int
answer_value (int answer)
{
  return MAX (answer, 0);
}

/* The total of complete, valid answers. */
static double
compute_total (const InstrumentInfo *info,
               const int            *answers)
{
  int total = 0;

  g_assert (info->n_items <= MAX_ITEMS);

  switch (info->scoring)
    {
    case SCORING_SUM:
      for (guint i = 0; i < info->n_items; i++)
        total += answer_value (answers[i]);
      return total;

    case SCORING_DOMAINS:
      {
        int highest[MAX_ITEMS] = { 0 };

        for (guint i = 0; i < info->n_items; i++)
          highest[info->domains[i]] = MAX (highest[info->domains[i]], answer_value (answers[i]));
        for (guint d = 0; d < info->n_items; d++)
          total += highest[d];
        return total;
      }

    case SCORING_RISK:
      for (guint i = 0; i < info->n_items; i++)
        if (answer_value (answers[i]) > 0)
          total = MAX (total, info->risks[i]);
      return total;

    case SCORING_SINGLE:
      return answer_value (answers[0]);

    case SCORING_MEAN:
      for (guint i = 0; i < info->n_items; i++)
        total += answer_value (answers[i]);
      /* Tenths rounded half up, in whole numbers. */
      return ((total * 20 + (int) info->n_items) / (2 * (int) info->n_items)) / 10.0;

    default:
      g_assert_not_reached ();
    }
}

/* The total when every item has its lowest (@highest FALSE) or its highest
 * answer. */
static double
extreme_total (const InstrumentInfo *info,
               gboolean              highest)
{
  int answers[MAX_ITEMS];

  g_assert (info->n_items <= MAX_ITEMS);

  for (guint i = 0; i < info->n_items; i++)
    answers[i] = highest ? info->items[i].max : info->items[i].min;

  return compute_total (info, answers);
}

static gboolean
may_skip (const InstrumentInfo *info,
          const int            *answers,
          guint                 index)
{
  const SkipRule *skip = &info->skip;
  guint number = index + 1;

  return skip->gate > 0 && number >= skip->first && number <= skip->last &&
         answers[skip->gate - 1] == 0;
}

/* The message for the first answer at fault, or NULL. */
static char *
check_answers (const InstrumentInfo *info,
               const int            *answers,
               guint                 n_answers)
{
  if (n_answers != info->n_items)
    /* Translators: the first placeholder is a rating scale ("PHQ-9"), the
     * second how many items it has, the third how many answers were given */
    return g_strdup_printf (ngettext ("%s has %u item, not %u", "%s has %u items, not %u",
                                      info->n_items),
                            _(info->label), info->n_items, n_answers);

  for (guint i = 0; i < n_answers; i++)
    {
      const TonicInstrumentItem *item = &info->items[i];

      if (answers[i] == TONIC_ANSWER_MISSING)
        /* Translators: %u is the item's number in the rating scale */
        return g_strdup_printf (_("Item %u is not answered"), i + 1);

      if (answers[i] == TONIC_ANSWER_SKIPPED)
        {
          if (may_skip (info, answers, i))
            continue;
          /* Translators: %u is the item's number in the rating scale */
          return g_strdup_printf (_("Item %u cannot be skipped"), i + 1);
        }

      if (answers[i] < item->min || answers[i] > item->max)
        /* Translators: the item's number in the rating scale, then its
         * lowest and highest answer */
        return g_strdup_printf (_("Item %u must be between %d and %d"), i + 1,
                                item->min, item->max);
    }

  return NULL;
}

static TonicSafetyFlag
find_safety (const InstrumentInfo *info,
             const int            *answers,
             double                total)
{
  const SafetyRule *rule = &info->safety;
  double value;

  if (rule->flag == TONIC_SAFETY_NONE)
    return TONIC_SAFETY_NONE;

  value = rule->item > 0 ? answer_value (answers[rule->item - 1]) : total;
  return value >= rule->at_least ? rule->flag : TONIC_SAFETY_NONE;
}

/* -- Public API ------------------------------------------------------------------- */

GType
tonic_instrument_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static GEnumValue values[TONIC_N_INSTRUMENTS + 1];

      for (guint i = 0; i < TONIC_N_INSTRUMENTS; i++)
        values[i] = (GEnumValue) { i, instruments[i].enum_name, instruments[i].id };
      g_once_init_leave (&type_id, g_enum_register_static ("TonicInstrument", values));
    }

  return type_id;
}

const char *
tonic_instrument_to_string (TonicInstrument instrument)
{
  INFO_OR_RETURN (info, instrument, NULL);

  return info->id;
}

gboolean
tonic_instrument_from_string (const char      *str,
                              TonicInstrument *instrument)
{
  g_return_val_if_fail (instrument != NULL, FALSE);

  for (guint i = 0; str != NULL && i < TONIC_N_INSTRUMENTS; i++)
    {
      if (g_str_equal (str, instruments[i].id))
        {
          *instrument = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tonic_instrument_get_label (TonicInstrument instrument)
{
  INFO_OR_RETURN (info, instrument, NULL);

  return _(info->label);
}

const char *
tonic_instrument_get_title (TonicInstrument instrument)
{
  INFO_OR_RETURN (info, instrument, NULL);

  return _(info->title);
}

const char *
tonic_instrument_get_prompt (TonicInstrument instrument)
{
  INFO_OR_RETURN (info, instrument, NULL);

  return info->prompt != NULL ? _(info->prompt) : NULL;
}

TonicInstrumentKind
tonic_instrument_get_kind (TonicInstrument instrument)
{
  INFO_OR_RETURN (info, instrument, TONIC_INSTRUMENT_KIND_OUTCOME);

  return info->kind;
}

const char *
tonic_instrument_get_loinc (TonicInstrument instrument)
{
  INFO_OR_RETURN (info, instrument, NULL);

  return info->loinc;
}

guint
tonic_instrument_get_n_items (TonicInstrument instrument)
{
  INFO_OR_RETURN (info, instrument, 0);

  return info->n_items;
}

const TonicInstrumentItem *
tonic_instrument_get_item (TonicInstrument instrument,
                           guint           index)
{
  INFO_OR_RETURN (info, instrument, NULL);
  g_return_val_if_fail (index < info->n_items, NULL);

  return &info->items[index];
}

double
tonic_instrument_get_min_total (TonicInstrument instrument)
{
  INFO_OR_RETURN (info, instrument, 0);

  return extreme_total (info, FALSE);
}

double
tonic_instrument_get_max_total (TonicInstrument instrument)
{
  INFO_OR_RETURN (info, instrument, 0);

  return extreme_total (info, TRUE);
}

guint
tonic_instrument_get_digits (TonicInstrument instrument)
{
  INFO_OR_RETURN (info, instrument, 0);

  return info->scoring == SCORING_MEAN ? 1 : 0;
}

guint
tonic_instrument_get_n_bands (TonicInstrument instrument)
{
  INFO_OR_RETURN (info, instrument, 0);

  return info->n_bands;
}

const TonicInstrumentBand *
tonic_instrument_get_band (TonicInstrument instrument,
                           guint           index)
{
  INFO_OR_RETURN (info, instrument, NULL);
  g_return_val_if_fail (index < info->n_bands, NULL);

  return &info->bands[index];
}

guint
tonic_instrument_find_band (TonicInstrument instrument,
                            double          total)
{
  guint band = 0;
  INFO_OR_RETURN (info, instrument, 0);

  for (guint i = 1; i < info->n_bands; i++)
    if (total >= info->bands[i].from)
      band = i;

  return band;
}

void
tonic_instrument_get_default_rules (TonicInstrument    instrument,
                                    TonicOutcomeRules *rules)
{
  const InstrumentInfo *info = lookup (instrument);

  g_return_if_fail (info != NULL);
  g_return_if_fail (rules != NULL);

  *rules = info->rules;
}

char *
tonic_instrument_score (TonicInstrument  instrument,
                        const int       *answers,
                        guint            n_answers,
                        TonicScore      *score)
{
  const InstrumentInfo *info = lookup (instrument);
  char *message;
  double total;

  g_return_val_if_fail (info != NULL, g_strdup (_("Unknown rating scale")));
  g_return_val_if_fail (answers != NULL || n_answers == 0, g_strdup (_("No answers")));
  g_return_val_if_fail (score != NULL, g_strdup (_("No answers")));

  message = check_answers (info, answers, n_answers);
  if (message != NULL)
    return message;

  total = compute_total (info, answers);
  score->instrument = instrument;
  score->total = total;
  score->band = tonic_instrument_find_band (instrument, total);
  score->safety = find_safety (info, answers, total);

  return NULL;
}

char *
tonic_instrument_format_answers (const int *answers,
                                 guint      n_answers)
{
  GString *out;

  g_return_val_if_fail (answers != NULL || n_answers == 0, NULL);
  for (guint i = 0; i < n_answers; i++)
    g_return_val_if_fail (answers[i] >= TONIC_ANSWER_SKIPPED, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < n_answers; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      if (answers[i] == TONIC_ANSWER_SKIPPED)
        g_string_append_c (out, 's');
      else if (answers[i] != TONIC_ANSWER_MISSING)
        g_string_append_printf (out, "%d", answers[i]);
    }

  return g_string_free (out, FALSE);
}

/* "" is no answers at all (every instrument has at least one item). */
int *
tonic_instrument_parse_answers (const char *text,
                                guint      *n_answers)
{
  g_auto(GStrv) parts = NULL;
  g_autofree int *answers = NULL;
  guint n;

  g_return_val_if_fail (n_answers != NULL, NULL);

  *n_answers = 0;
  if (text == NULL)
    return NULL;

  parts = g_strsplit (text, ",", -1);
  n = g_strv_length (parts);
  answers = g_new0 (int, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      guint64 value;

      if (*parts[i] == '\0')
        answers[i] = TONIC_ANSWER_MISSING;
      else if (g_str_equal (parts[i], "s"))
        answers[i] = TONIC_ANSWER_SKIPPED;
      else if (g_ascii_isdigit (*parts[i]) &&
               g_ascii_string_to_unsigned (parts[i], 10, 0, G_MAXINT, &value, NULL))
        answers[i] = (int) value;
      else
        return NULL;
    }

  *n_answers = n;
  return g_steal_pointer (&answers);
}

char *
tonic_instrument_format_total (TonicInstrument instrument,
                               double          total)
{
  return g_strdup_printf ("%.*f", (int) tonic_instrument_get_digits (instrument), total);
}

const char *
tonic_safety_flag_get_message (TonicSafetyFlag flag)
{
  g_return_val_if_fail ((guint) flag < G_N_ELEMENTS (safety_flags), NULL);

  return safety_flags[flag].message != NULL ? _(safety_flags[flag].message) : NULL;
}

const char *
tonic_safety_flag_to_string (TonicSafetyFlag flag)
{
  g_return_val_if_fail ((guint) flag < G_N_ELEMENTS (safety_flags), NULL);

  return safety_flags[flag].id;
}

gboolean
tonic_safety_flag_from_string (const char      *str,
                               TonicSafetyFlag *flag)
{
  g_return_val_if_fail (flag != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (safety_flags); i++)
    {
      if (g_str_equal (str, safety_flags[i].id))
        {
          *flag = safety_flags[i].flag;
          return TRUE;
        }
    }

  return FALSE;
}

/* -- Sets of instruments ----------------------------------------------------------- */

char *
tonic_instrument_format_set (TonicInstrumentSet set)
{
  g_return_val_if_fail ((set & ~ALL_INSTRUMENTS) == 0, g_strdup (""));

  return _tonic_flags_format_mask (get_flag_infos (), TONIC_N_INSTRUMENTS, set);
}

gboolean
tonic_instrument_parse_set (const char         *text,
                            TonicInstrumentSet *set)
{
  guint value;
  gboolean all_known;

  g_return_val_if_fail (set != NULL, FALSE);

  all_known = _tonic_flags_parse_mask (get_flag_infos (), TONIC_N_INSTRUMENTS, text, &value);
  *set = value;
  return all_known;
}

char *
tonic_instrument_format_set_labels (TonicInstrumentSet set)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; i < TONIC_N_INSTRUMENTS; i++)
    if (set & TONIC_INSTRUMENT_BIT (i))
      g_ptr_array_add (labels, (gpointer) tonic_instrument_get_label (i));
  g_ptr_array_add (labels, NULL);

  /* Translators: between the items of a list, as in "PHQ-9, MADRS". */
  return g_strjoinv (C_("list separator", ", "), (char **) labels->pdata);
}

TonicInstrumentSet
tonic_instrument_set_for_indications (TonicIndication indications)
{
  TonicInstrumentSet set = 0;

  for (guint i = 0; i < G_N_ELEMENTS (indication_measures); i++)
    if (indications & indication_measures[i].indications)
      set |= indication_measures[i].measures;

  if (tonic_indication_needs_suicide_screen (indications))
    set |= TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_CSSRS);

  return set;
}

int
tonic_instrument_set_get_primary (TonicInstrumentSet set)
{
  for (guint i = 0; i < G_N_ELEMENTS (primary_order); i++)
    if (set & TONIC_INSTRUMENT_BIT (primary_order[i]))
      return primary_order[i];

  return -1;
}

/* -- A course of scores -------------------------------------------------------------- */

gboolean
tonic_outcome_is_response (const TonicOutcomeRules *rules,
                           double                   baseline,
                           double                   score)
{
  double fall = baseline - score;

  g_return_val_if_fail (rules != NULL, FALSE);

  switch (rules->response_rule)
    {
    case TONIC_RESPONSE_RULE_PERCENT_FALL:
      return baseline > 0 && fall * 100 >= rules->response * baseline - EPSILON;

    case TONIC_RESPONSE_RULE_POINTS_FALL:
      return fall >= rules->response - EPSILON;

    case TONIC_RESPONSE_RULE_NONE:
    default:
      return FALSE;
    }
}

gboolean
tonic_outcome_is_remission (const TonicOutcomeRules *rules,
                            double                   score)
{
  g_return_val_if_fail (rules != NULL, FALSE);

  switch (rules->remission_rule)
    {
    case TONIC_REMISSION_RULE_BELOW:
      return score < rules->remission - EPSILON;

    case TONIC_REMISSION_RULE_AT_MOST:
      return score <= rules->remission + EPSILON;

    case TONIC_REMISSION_RULE_NONE:
    default:
      return FALSE;
    }
}

gboolean
tonic_instrument_is_substantial_pain_relief (double baseline,
                                             double score)
{
  static const TonicOutcomeRules substantial = { PERCENT_FALL (50) };

  return tonic_outcome_is_response (&substantial, baseline, score);
}

double
tonic_outcome_percent_change (double baseline,
                              double score)
{
  if (baseline == 0)
    return 0;

  return (score - baseline) * 100 / baseline;
}

/* How far from the baseline a score may be and still be "unchanged". */
static double
get_unchanged_zone (const TonicOutcomeRules *rules,
                    double                   baseline)
{
  if (rules->response_rule == TONIC_RESPONSE_RULE_POINTS_FALL)
    return UNCHANGED_POINTS;

  return ABS (baseline) * UNCHANGED_PERCENT / 100;
}

TonicOutcomeStatus
tonic_outcome_get_status (const TonicOutcomeRules *rules,
                          const double            *scores,
                          guint                    n_scores)
{
  double baseline, latest;

  g_return_val_if_fail (rules != NULL, TONIC_OUTCOME_NO_BASELINE);
  g_return_val_if_fail (scores != NULL || n_scores == 0, TONIC_OUTCOME_NO_BASELINE);

  if (n_scores == 0)
    return TONIC_OUTCOME_NO_BASELINE;
  if (n_scores == 1)
    return TONIC_OUTCOME_BASELINE;

  baseline = scores[0];
  latest = scores[n_scores - 1];

  if (tonic_outcome_is_remission (rules, latest))
    return TONIC_OUTCOME_REMISSION;

  if (tonic_outcome_is_response (rules, baseline, latest))
    return n_scores > 2 && tonic_outcome_is_response (rules, baseline, scores[n_scores - 2])
           ? TONIC_OUTCOME_SUSTAINED_RESPONSE
           : TONIC_OUTCOME_RESPONSE;

  if (ABS (latest - baseline) <= get_unchanged_zone (rules, baseline) + EPSILON)
    return TONIC_OUTCOME_UNCHANGED;

  return latest < baseline ? TONIC_OUTCOME_IMPROVING : TONIC_OUTCOME_WORSE;
}

const char *
tonic_outcome_status_get_label (TonicOutcomeStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_labels), NULL);

  return _(status_labels[status]);
}
