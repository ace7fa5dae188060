/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-medication"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tonic-check.h"
#include "tonic-flags.h"
#include "tonic-medication.h"
#include "tonic-search.h"

#define MAOI       TONIC_DRUG_CLASS_MAOI
#define BENZO      TONIC_DRUG_CLASS_BENZODIAZEPINE
#define SEDATIVE   TONIC_DRUG_CLASS_OTHER_SEDATIVE
#define STIMULANT  TONIC_DRUG_CLASS_STIMULANT

struct _TonicMedication
{
  GObject parent_instance;

  gint64          id;
  char           *name;
  char           *dose;
  TonicDrugClass  classes;
};

G_DEFINE_FINAL_TYPE (TonicMedication, tonic_medication, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DOSE,
  PROP_CLASSES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const TonicFlagInfo drug_classes[] = {
  /* Translators: monoamine oxidase inhibitor; use your language's usual abbreviation. */
  { MAOI, "maoi", N_("MAOI") },
  { BENZO, "benzodiazepine", N_("Benzodiazepine") },
  { SEDATIVE, "other-sedative", N_("Other sedative") },
  { STIMULANT, "stimulant", N_("Stimulant") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (drug_classes) == TONIC_N_DRUG_CLASSES);

/* Names that suggest a class. Generic (INN and US/UK spellings) and
 * common brand names, lower case, plain ASCII (matched against folded
 * words, so accents and case do not matter); a name of several words
 * matches those words in a row.
 *
 * The list is deliberately conservative: it holds drugs whose class is
 * clear from the esketamine/ketamine labels and common references, so a
 * suggestion is rarely wrong. It is not complete; a name it does not know
 * suggests nothing, and the clinician ticks the flags that apply. Left out
 * on purpose: sedating antidepressants (trazodone, mirtazapine, doxepin,
 * TCAs), alcohol, cannabis, melatonin, and drugs with only minor sedation.
 *
 * - MAOI: the antidepressant MAOIs, the MAO-B inhibitors used in
 *   Parkinson's disease, and linezolid and methylene blue (MAO inhibitors
 *   named in the serotonin-syndrome warnings).
 * - Benzodiazepines: the benzodiazepines in use; clobazam included.
 * - Other sedatives (CNS depressants, named in the labels' sedation
 *   warnings): Z-drugs, orexin antagonists, opioids, barbiturates,
 *   gabapentinoids (FDA 2019 respiratory-depression warning), the sedating
 *   antipsychotics quetiapine, olanzapine, clozapine and chlorpromazine,
 *   sedating antihistamines, centrally acting muscle relaxants, oxybate.
 * - Stimulants: methylphenidate and amphetamines (esketamine label:
 *   "psychostimulants, e.g. amphetamines, methylphenidate, modafinil,
 *   armodafinil"), modafinil, armodafinil, solriamfetol, phentermine. */
static const struct
{
  const char     *name;
  TonicDrugClass  klass;
} known_drugs[] = {
  /* MAOIs */
  { "phenelzine", MAOI }, { "nardil", MAOI },
  { "tranylcypromine", MAOI }, { "parnate", MAOI },
  { "isocarboxazid", MAOI }, { "marplan", MAOI },
  { "selegiline", MAOI }, { "emsam", MAOI }, { "eldepryl", MAOI }, { "zelapar", MAOI },
  { "rasagiline", MAOI }, { "azilect", MAOI },
  { "safinamide", MAOI }, { "xadago", MAOI },
  { "moclobemide", MAOI }, { "aurorix", MAOI }, { "manerix", MAOI },
  { "linezolid", MAOI }, { "zyvox", MAOI },
  { "methylene blue", MAOI }, { "methylthioninium", MAOI }, { "provayblue", MAOI },

  /* Benzodiazepines */
  { "alprazolam", BENZO }, { "xanax", BENZO },
  { "clonazepam", BENZO }, { "klonopin", BENZO }, { "rivotril", BENZO },
  { "diazepam", BENZO }, { "valium", BENZO },
  { "lorazepam", BENZO }, { "ativan", BENZO },
  { "temazepam", BENZO }, { "restoril", BENZO },
  { "chlordiazepoxide", BENZO }, { "librium", BENZO },
  { "clorazepate", BENZO }, { "tranxene", BENZO },
  { "oxazepam", BENZO },
  { "midazolam", BENZO },
  { "triazolam", BENZO }, { "halcion", BENZO },
  { "clobazam", BENZO }, { "onfi", BENZO }, { "frisium", BENZO },
  { "estazolam", BENZO },
  { "flurazepam", BENZO },
  { "nitrazepam", BENZO }, { "mogadon", BENZO },
  { "bromazepam", BENZO }, { "lexotan", BENZO },
  { "lormetazepam", BENZO },
  { "flunitrazepam", BENZO },
  { "quazepam", BENZO },
  { "prazepam", BENZO },

  /* Other sedatives: Z-drugs and orexin antagonists */
  { "zolpidem", SEDATIVE }, { "ambien", SEDATIVE }, { "stilnox", SEDATIVE },
  { "zopiclone", SEDATIVE }, { "imovane", SEDATIVE }, { "zimovane", SEDATIVE },
  { "eszopiclone", SEDATIVE }, { "lunesta", SEDATIVE },
  { "zaleplon", SEDATIVE },
  { "suvorexant", SEDATIVE }, { "belsomra", SEDATIVE },
  { "lemborexant", SEDATIVE }, { "dayvigo", SEDATIVE },
  { "daridorexant", SEDATIVE }, { "quviviq", SEDATIVE },
  /* Opioids */
  { "morphine", SEDATIVE },
  { "codeine", SEDATIVE }, { "dihydrocodeine", SEDATIVE },
  { "oxycodone", SEDATIVE }, { "oxycontin", SEDATIVE }, { "percocet", SEDATIVE },
  { "hydrocodone", SEDATIVE }, { "vicodin", SEDATIVE }, { "norco", SEDATIVE },
  { "hydromorphone", SEDATIVE }, { "dilaudid", SEDATIVE },
  { "oxymorphone", SEDATIVE },
  { "fentanyl", SEDATIVE }, { "duragesic", SEDATIVE },
  { "tramadol", SEDATIVE }, { "ultram", SEDATIVE },
  { "tapentadol", SEDATIVE }, { "nucynta", SEDATIVE },
  { "methadone", SEDATIVE },
  { "buprenorphine", SEDATIVE }, { "suboxone", SEDATIVE }, { "subutex", SEDATIVE },
  { "pethidine", SEDATIVE }, { "meperidine", SEDATIVE }, { "demerol", SEDATIVE },
  { "levorphanol", SEDATIVE },
  /* Barbiturates */
  { "phenobarbital", SEDATIVE }, { "phenobarbitone", SEDATIVE },
  { "butalbital", SEDATIVE }, { "fioricet", SEDATIVE },
  { "secobarbital", SEDATIVE }, { "pentobarbital", SEDATIVE },
  /* Gabapentinoids */
  { "gabapentin", SEDATIVE }, { "neurontin", SEDATIVE },
  { "pregabalin", SEDATIVE }, { "lyrica", SEDATIVE },
  /* Sedating antipsychotics */
  { "quetiapine", SEDATIVE }, { "seroquel", SEDATIVE },
  { "olanzapine", SEDATIVE }, { "zyprexa", SEDATIVE },
  { "clozapine", SEDATIVE }, { "clozaril", SEDATIVE },
  { "chlorpromazine", SEDATIVE },
  /* Sedating antihistamines */
  { "hydroxyzine", SEDATIVE }, { "atarax", SEDATIVE }, { "vistaril", SEDATIVE },
  { "diphenhydramine", SEDATIVE }, { "benadryl", SEDATIVE },
  { "promethazine", SEDATIVE }, { "phenergan", SEDATIVE },
  { "doxylamine", SEDATIVE },
  /* Muscle relaxants and oxybate */
  { "cyclobenzaprine", SEDATIVE }, { "flexeril", SEDATIVE },
  { "carisoprodol", SEDATIVE },
  { "baclofen", SEDATIVE },
  { "tizanidine", SEDATIVE }, { "zanaflex", SEDATIVE },
  { "sodium oxybate", SEDATIVE }, { "oxybate", SEDATIVE }, { "xyrem", SEDATIVE },

  /* Stimulants */
  { "methylphenidate", STIMULANT }, { "ritalin", STIMULANT }, { "concerta", STIMULANT },
  { "dexmethylphenidate", STIMULANT }, { "focalin", STIMULANT },
  { "amphetamine", STIMULANT }, { "amfetamine", STIMULANT }, { "adderall", STIMULANT },
  { "dextroamphetamine", STIMULANT }, { "dexamfetamine", STIMULANT }, { "dexedrine", STIMULANT },
  { "lisdexamfetamine", STIMULANT }, { "lisdexamphetamine", STIMULANT },
  { "vyvanse", STIMULANT }, { "elvanse", STIMULANT },
  { "methamphetamine", STIMULANT }, { "metamfetamine", STIMULANT }, { "desoxyn", STIMULANT },
  { "modafinil", STIMULANT }, { "provigil", STIMULANT },
  { "armodafinil", STIMULANT }, { "nuvigil", STIMULANT },
  { "solriamfetol", STIMULANT }, { "sunosi", STIMULANT },
  { "phentermine", STIMULANT },
};

GType
tonic_drug_class_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static GFlagsValue values[TONIC_N_DRUG_CLASSES + 1];

      g_once_init_leave (&type_id, _tonic_flags_register ("TonicDrugClass", drug_classes,
                                                          G_N_ELEMENTS (drug_classes), values));
    }

  return type_id;
}

TonicDrugClass
tonic_drug_class_nth (guint index)
{
  g_return_val_if_fail (index < TONIC_N_DRUG_CLASSES, TONIC_DRUG_CLASS_NONE);

  return drug_classes[index].value;
}

const char *
tonic_drug_class_to_string (TonicDrugClass klass)
{
  const TonicFlagInfo *info =
    _tonic_flags_find (drug_classes, G_N_ELEMENTS (drug_classes), klass);

  g_return_val_if_fail (info != NULL, NULL);

  return info->id;
}

const char *
tonic_drug_class_get_label (TonicDrugClass klass)
{
  const TonicFlagInfo *info =
    _tonic_flags_find (drug_classes, G_N_ELEMENTS (drug_classes), klass);

  g_return_val_if_fail (info != NULL, NULL);

  return _(info->label);
}

gboolean
tonic_drug_class_from_string (const char     *str,
                              TonicDrugClass *klass)
{
  guint value;

  g_return_val_if_fail (klass != NULL, FALSE);

  if (!_tonic_flags_from_string (drug_classes, G_N_ELEMENTS (drug_classes), str, &value))
    return FALSE;

  *klass = value;
  return TRUE;
}

char *
tonic_drug_class_format_mask (TonicDrugClass mask)
{
  g_return_val_if_fail ((mask & ~TONIC_DRUG_CLASS_ALL) == 0, g_strdup (""));

  return _tonic_flags_format_mask (drug_classes, G_N_ELEMENTS (drug_classes), mask);
}

gboolean
tonic_drug_class_parse_mask (const char     *text,
                             TonicDrugClass *mask)
{
  guint value;
  gboolean all_known;

  g_return_val_if_fail (mask != NULL, FALSE);

  all_known = _tonic_flags_parse_mask (drug_classes, G_N_ELEMENTS (drug_classes), text, &value);
  *mask = value;
  return all_known;
}

TonicDrugClass
tonic_medication_suggest_classes (const char *name)
{
  g_auto(GStrv) words = tonic_search_tokens (name);
  g_autofree char *joined = NULL;
  g_autofree char *padded = NULL;
  TonicDrugClass found = TONIC_DRUG_CLASS_NONE;

  if (words[0] == NULL)
    return TONIC_DRUG_CLASS_NONE;

  /* " word word word ": a known name matches whole words in a row. */
  joined = g_strjoinv (" ", words);
  padded = g_strconcat (" ", joined, " ", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (known_drugs); i++)
    {
      g_autofree char *needle = g_strconcat (" ", known_drugs[i].name, " ", NULL);

      if (strstr (padded, needle) != NULL)
        found |= known_drugs[i].klass;
    }

  return found;
}

static void
tonic_medication_finalize (GObject *object)
{
  TonicMedication *self = (TonicMedication *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->dose, g_free);

  G_OBJECT_CLASS (tonic_medication_parent_class)->finalize (object);
}

static void
tonic_medication_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TonicMedication *self = TONIC_MEDICATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DOSE:
      g_value_set_string (value, self->dose);
      break;
    case PROP_CLASSES:
      g_value_set_flags (value, self->classes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_medication_class_init (TonicMedicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tonic_medication_finalize;
  object_class->get_property = tonic_medication_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOSE] =
    g_param_spec_string ("dose", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLASSES] =
    g_param_spec_flags ("classes", NULL, NULL, TONIC_TYPE_DRUG_CLASS, TONIC_DRUG_CLASS_NONE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tonic_medication_init (TonicMedication *self)
{
}

TonicMedication *
tonic_medication_new (gint64          id,
                      const char     *name,
                      const char     *dose,
                      TonicDrugClass  classes)
{
  TonicMedication *self;

  g_return_val_if_fail (id >= 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail ((classes & ~TONIC_DRUG_CLASS_ALL) == 0, NULL);

  self = g_object_new (TONIC_TYPE_MEDICATION, NULL);
  self->id = id;
  self->name = g_strdup (name);
  self->dose = g_strdup (dose != NULL ? dose : "");
  self->classes = classes;

  return self;
}

gint64
tonic_medication_get_id (TonicMedication *self)
{
  g_return_val_if_fail (TONIC_IS_MEDICATION (self), 0);
  return self->id;
}

const char *
tonic_medication_get_name (TonicMedication *self)
{
  g_return_val_if_fail (TONIC_IS_MEDICATION (self), NULL);
  return self->name;
}

const char *
tonic_medication_get_dose (TonicMedication *self)
{
  g_return_val_if_fail (TONIC_IS_MEDICATION (self), NULL);
  return self->dose;
}

TonicDrugClass
tonic_medication_get_classes (TonicMedication *self)
{
  g_return_val_if_fail (TONIC_IS_MEDICATION (self), TONIC_DRUG_CLASS_NONE);
  return self->classes;
}

char *
tonic_medication_check_name (const char *name)
{
  return tonic_check_required_name (name, TONIC_MEDICATION_NAME_MAX,
                                    _("Enter the medication’s name"));
}

char *
tonic_medication_check_dose (const char *dose)
{
  return tonic_check_optional_line (dose, TONIC_MEDICATION_DOSE_MAX);
}
