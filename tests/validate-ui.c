/* validate-ui.c — checks GtkBuilder .ui files against GTK 4 and libadwaita
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: tonic-validate-ui [--prefix=Tonic] [--resource=FILE.gresource]…
 *                          [--verbose] FILE.ui…
 * Needs a display (tests/validate-ui runs it under xvfb-run).  The given
 * compiled GResource bundles are registered first, so that files can refer
 * to resources of the project (a GtkBuilderListItemFactory's "resource").
 *
 * gtk4-builder-tool 4.8 cannot check this project's files: it never loads
 * libadwaita, so a template whose parent is an Adw type fails with "Failed
 * to lookup template parent type", and it rejects every <signal handler=…>
 * with "No function named …".  This program links GTK and libadwaita, calls
 * adw_init(), and builds every file with a real GtkBuilder:
 *
 *   - a file holding a <template> is built onto a new instance of its class
 *     with gtk_builder_extend_with_template(), any other file with
 *     gtk_builder_add_from_string();
 *   - the inline row templates of GtkBuilderListItemFactory ("bytes") are
 *     built onto a GtkListItem, as the factory itself does.
 *
 * So every check GtkBuilder makes applies, with GTK 4.8 and libadwaita 1.2
 * as installed (the project's platform floor): well-formed XML, known
 * elements and attributes, object types that exist (AdwToolbarView, from
 * libadwaita 1.4, is an "Invalid object type"), properties and signals that
 * exist on their class, property values that parse (numbers, booleans,
 * enums, flags), ids that are defined, <child type=…>, internal children,
 * expressions (<lookup>, <closure>, <constant>) and bindings, template
 * parents (the declared parent must exist and be a GtkWidget).  Warnings
 * and criticals that GTK or libadwaita emit while a file is built (an
 * invalid child type, a value of the wrong type…) fail the file as well.
 *
 * The project's own classes cannot be linked in here, so they are stood in
 * for (only names that start with the project prefix, or that a scanned
 * <template> declares, are treated so; any other unknown name stays an
 * error):
 *
 *   - a class with a <template> in one of the files becomes a class derived
 *     from the declared parent that carries that template, so it can be
 *     nested in other files and is built for real;
 *   - a project class without a template becomes a plain subclass: of the
 *     type that the property it is assigned to expects, of GtkWidget when it
 *     is a child or a top-level object, else of GObject (a stand-in for a
 *     GListModel implements an empty list);
 *   - properties and signals that the files use on a project class and that
 *     its parent lacks are added to the stand-in, with a type taken from how
 *     they are used (bound to or from a known property, looked up as a given
 *     type, given an object, else a string).
 *
 * What is therefore not checked: the names of signal handlers and closure
 * functions (no symbol table), and properties or signals of the project's
 * own classes (they are taken as the files use them).
 *
 * Exit status: 0 when every file builds cleanly, 1 otherwise, 2 on misuse.
 */

#define G_LOG_DOMAIN "tonic-validate-ui"

#include <adwaita.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* What the scan of the files collects                                      */
/* ------------------------------------------------------------------------ */

typedef enum
{
  HINT_NONE,       /* nothing known: a string */
  HINT_TEXT,       /* set from text: a string */
  HINT_OBJECT,     /* given an object: GObject */
  HINT_EXPRESSION, /* given an expression: GtkExpression */
  HINT_SAME_AS,    /* the type of ref_class:ref_prop */
  HINT_TYPE_NAME,  /* the type named ref_class */
} HintKind;

typedef struct
{
  char *owner;     /* class name, or an id while owner_is_id */
  gboolean owner_is_id;
  char *name;
  HintKind hint;
  char *ref_class; /* class name, or an id while ref_is_id */
  gboolean ref_is_id;
  char *ref_prop;
} PropUse;

typedef struct
{
  GType type;
  gboolean strong;
} PropInfo;

typedef struct
{
  char *name;
  gboolean is_template;
  char *parent_name;      /* template: declared parent; stand-in: chosen */
  GBytes *template_bytes; /* template: the file */
  char *template_path;
  gboolean as_widget;     /* a child, a top-level object, a parent, has children */
  GPtrArray *value_of;    /* "Class\nproperty" strings: assigned to those */
  GPtrArray *signals;
  GHashTable *props;      /* canonical name → PropInfo* */
  gboolean list_model;    /* stands in for a GListModel */
  gboolean registering;
  GType type;
  char *error;
} ProjectType;

typedef enum
{
  EL_OTHER,
  EL_INTERFACE,
  EL_TEMPLATE,
  EL_OBJECT,
  EL_PROPERTY,
  EL_CHILD,
  EL_BINDING,
  EL_LOOKUP,
  EL_CLOSURE,
  EL_CONSTANT,
} ElementKind;

typedef struct
{
  ElementKind kind;
  char *klass;     /* template, object: class; lookup, closure, constant: type */
  char *name;      /* property, binding, lookup: name */
  char *bind_source;
  char *bind_property;
  gboolean has_object;
  gboolean has_expression;
  GString *text;
  int line;
} Frame;

typedef struct _Doc Doc;
struct _Doc
{
  char *path;            /* for messages */
  GBytes *contents;
  gboolean list_item;    /* a GtkBuilderListItemFactory row template */
  char *template_class;
  char *scan_error;
  GHashTable *ids;       /* id → class */
  GPtrArray *uses;       /* PropUse*, ids not yet resolved */
  GPtrArray *text_props; /* "Class\nproperty\ntext" */
  GPtrArray *frames;
  GPtrArray *nested;     /* Doc* */
};

static const char *project_prefix = "Tonic";
static gboolean verbose;
static GtkBuilder *type_builder;
static GHashTable *project_types; /* name → ProjectType* */
static GPtrArray *all_uses;       /* PropUse* with class names */
static GQuark project_type_quark;
static GQuark values_quark;
static GType init_template_suppressed;

/* While a file is being built: its path, and how many warnings it caused. */
static const char *current_path;
static guint current_failures;
static guint startup_failures;

/* ------------------------------------------------------------------------ */
/* Small helpers                                                            */
/* ------------------------------------------------------------------------ */

static void
prop_use_free (gpointer data)
{
  PropUse *use = data;

  g_free (use->owner);
  g_free (use->name);
  g_free (use->ref_class);
  g_free (use->ref_prop);
  g_free (use);
}

static PropUse *
prop_use_new (const char *owner,
              gboolean    owner_is_id,
              const char *name,
              HintKind    hint,
              const char *ref_class,
              gboolean    ref_is_id,
              const char *ref_prop)
{
  PropUse *use = g_new0 (PropUse, 1);

  use->owner = g_strdup (owner);
  use->owner_is_id = owner_is_id;
  use->name = g_strdup (name);
  use->hint = hint;
  use->ref_class = g_strdup (ref_class);
  use->ref_is_id = ref_is_id;
  use->ref_prop = g_strdup (ref_prop);
  return use;
}

/* Property and signal names as GObject stores them: '-' for '_'. */
static char *
canonical_name (const char *name)
{
  char *canonical = g_strdup (name);
  char *p;

  for (p = canonical; *p != '\0'; p++)
    {
      if (*p == '_')
        *p = '-';
    }
  return canonical;
}

static void
frame_free (gpointer data)
{
  Frame *frame = data;

  g_free (frame->klass);
  g_free (frame->name);
  g_free (frame->bind_source);
  g_free (frame->bind_property);
  if (frame->text != NULL)
    g_string_free (frame->text, TRUE);
  g_free (frame);
}

static Doc *
doc_new (const char *path,
         GBytes     *contents,
         gboolean    list_item)
{
  Doc *doc = g_new0 (Doc, 1);

  doc->path = g_strdup (path);
  doc->contents = g_bytes_ref (contents);
  doc->list_item = list_item;
  doc->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  doc->uses = g_ptr_array_new_with_free_func (prop_use_free);
  doc->text_props = g_ptr_array_new_with_free_func (g_free);
  doc->frames = g_ptr_array_new_with_free_func (frame_free);
  doc->nested = g_ptr_array_new ();
  return doc;
}

/* A type GTK or libadwaita knows, looked up the way GtkBuilder does it
 * (g_type_from_name, then the <name>_get_type symbol). */
static GType
known_type (const char *name)
{
  return gtk_builder_get_type_from_name (type_builder, name);
}

static ProjectType *
lookup_project_type (const char *name)
{
  if (name == NULL)
    return NULL;
  return g_hash_table_lookup (project_types, name);
}

static ProjectType *
project_type_new (const char *name)
{
  ProjectType *pt = g_new0 (ProjectType, 1);

  pt->name = g_strdup (name);
  pt->value_of = g_ptr_array_new_with_free_func (g_free);
  pt->signals = g_ptr_array_new_with_free_func (g_free);
  pt->props = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (project_types, pt->name, pt);
  return pt;
}

/* The project's classes: a name a <template> declares, or one with the
 * project prefix that GTK and libadwaita do not know. Any other unknown
 * name is left to GtkBuilder, which reports it. */
static ProjectType *
ensure_project_type (const char *name)
{
  ProjectType *pt;

  if (name == NULL || *name == '\0')
    return NULL;
  pt = lookup_project_type (name);
  if (pt != NULL)
    return pt;
  if (!g_str_has_prefix (name, project_prefix) || known_type (name) != G_TYPE_INVALID)
    return NULL;
  return project_type_new (name);
}

static ProjectType *
ensure_template_type (const char *name)
{
  ProjectType *pt = lookup_project_type (name);

  if (pt != NULL)
    return pt;
  if (known_type (name) != G_TYPE_INVALID)
    return NULL;
  return project_type_new (name);
}

static void
add_unique (GPtrArray  *array,
            const char *string)
{
  guint i;

  for (i = 0; i < array->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (array, i), string))
        return;
    }
  g_ptr_array_add (array, g_strdup (string));
}

/* ------------------------------------------------------------------------ */
/* The scan: a GMarkup pass over each file that learns the project classes  */
/* and how their properties and signals are used.                           */
/* ------------------------------------------------------------------------ */

static void scan_doc (Doc *doc);

static Frame *
frame_at (Doc *doc,
          guint depth_from_top)
{
  if (doc->frames->len <= depth_from_top)
    return NULL;
  return g_ptr_array_index (doc->frames, doc->frames->len - 1 - depth_from_top);
}

/* The object or template whose property, binding or signal this is:
 * only when it is the direct parent (a <property> inside <layout> or
 * <accessibility> belongs to something else). */
static Frame *
owner_frame (Doc *doc)
{
  Frame *parent = frame_at (doc, 1);

  if (parent != NULL && (parent->kind == EL_OBJECT || parent->kind == EL_TEMPLATE))
    return parent;
  return NULL;
}

static const char *
attribute (const char **names,
           const char **values,
           const char  *wanted)
{
  guint i;

  for (i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], wanted))
        return values[i];
    }
  return NULL;
}

static void
on_start_element (GMarkupParseContext *context,
                  const char          *element_name,
                  const char         **names,
                  const char         **values,
                  gpointer             user_data,
                  GError             **error)
{
  Doc *doc = user_data;
  Frame *frame = g_new0 (Frame, 1);
  Frame *parent = frame_at (doc, 0);
  int line = 0;

  g_markup_parse_context_get_position (context, &line, NULL);
  frame->line = line;
  g_ptr_array_add (doc->frames, frame);

  if (g_str_equal (element_name, "interface"))
    {
      frame->kind = EL_INTERFACE;
    }
  else if (g_str_equal (element_name, "template"))
    {
      const char *klass = attribute (names, values, "class");
      const char *parent_name = attribute (names, values, "parent");
      ProjectType *pt;

      frame->kind = EL_TEMPLATE;
      frame->klass = g_strdup (klass);
      if (klass != NULL && parent != NULL && parent->kind == EL_INTERFACE)
        {
          doc->template_class = g_strdup (klass);
          g_hash_table_replace (doc->ids, g_strdup (klass), g_strdup (klass));
          pt = ensure_template_type (klass);
          if (pt != NULL && !doc->list_item)
            {
              ProjectType *parent_pt;

              pt->is_template = TRUE;
              pt->as_widget = TRUE;
              g_free (pt->parent_name);
              pt->parent_name = g_strdup (parent_name != NULL ? parent_name : "GtkWidget");
              g_clear_pointer (&pt->template_bytes, g_bytes_unref);
              pt->template_bytes = g_bytes_ref (doc->contents);
              g_free (pt->template_path);
              pt->template_path = g_strdup (doc->path);
              parent_pt = ensure_project_type (pt->parent_name);
              if (parent_pt != NULL)
                parent_pt->as_widget = TRUE;
            }
        }
    }
  else if (g_str_equal (element_name, "object"))
    {
      const char *klass = attribute (names, values, "class");
      const char *id = attribute (names, values, "id");
      ProjectType *pt = ensure_project_type (klass);

      frame->kind = EL_OBJECT;
      frame->klass = g_strdup (klass);
      if (klass != NULL && id != NULL)
        g_hash_table_replace (doc->ids, g_strdup (id), g_strdup (klass));

      if (parent != NULL && parent->kind == EL_PROPERTY)
        {
          Frame *property_owner = frame_at (doc, 2);

          parent->has_object = TRUE;
          if (pt != NULL && property_owner != NULL && property_owner->klass != NULL &&
              parent->name != NULL)
            {
              char *key = g_strconcat (property_owner->klass, "\n", parent->name, NULL);

              add_unique (pt->value_of, key);
              g_free (key);
            }
        }
      else if (pt != NULL && parent != NULL &&
               (parent->kind == EL_CHILD || parent->kind == EL_INTERFACE))
        {
          pt->as_widget = TRUE;
        }
    }
  else if (g_str_equal (element_name, "property"))
    {
      frame->kind = EL_PROPERTY;
      frame->name = g_strdup (attribute (names, values, "name"));
      frame->bind_source = g_strdup (attribute (names, values, "bind-source"));
      frame->bind_property = g_strdup (attribute (names, values, "bind-property"));
      frame->text = g_string_new (NULL);
    }
  else if (g_str_equal (element_name, "child"))
    {
      frame->kind = EL_CHILD;
      if (parent != NULL && (parent->kind == EL_OBJECT || parent->kind == EL_TEMPLATE))
        {
          ProjectType *pt = lookup_project_type (parent->klass);

          if (pt != NULL)
            pt->as_widget = TRUE;
        }
    }
  else if (g_str_equal (element_name, "binding"))
    {
      frame->kind = EL_BINDING;
      frame->name = g_strdup (attribute (names, values, "name"));
    }
  else if (g_str_equal (element_name, "lookup"))
    {
      frame->kind = EL_LOOKUP;
      frame->klass = g_strdup (attribute (names, values, "type"));
      frame->name = g_strdup (attribute (names, values, "name"));
      frame->text = g_string_new (NULL);
      ensure_project_type (frame->klass);
    }
  else if (g_str_equal (element_name, "closure"))
    {
      frame->kind = EL_CLOSURE;
      frame->klass = g_strdup (attribute (names, values, "type"));
    }
  else if (g_str_equal (element_name, "constant"))
    {
      frame->kind = EL_CONSTANT;
      frame->klass = g_strdup (attribute (names, values, "type"));
    }
  else if (g_str_equal (element_name, "signal"))
    {
      Frame *owner = owner_frame (doc);
      const char *signal_name = attribute (names, values, "name");
      ProjectType *pt = owner != NULL ? lookup_project_type (owner->klass) : NULL;

      frame->kind = EL_OTHER;
      if (pt != NULL && signal_name != NULL)
        {
          char *bare = g_strdup (signal_name);
          char *detail = strstr (bare, "::");
          char *canonical;

          if (detail != NULL)
            *detail = '\0';
          canonical = canonical_name (bare);
          add_unique (pt->signals, canonical);
          g_free (canonical);
          g_free (bare);
        }
    }
  else
    {
      frame->kind = EL_OTHER;
    }

  if (parent != NULL &&
      (frame->kind == EL_LOOKUP || frame->kind == EL_CLOSURE || frame->kind == EL_CONSTANT))
    parent->has_expression = TRUE;
}

static void
on_text (GMarkupParseContext *context,
         const char          *text,
         gsize                text_len,
         gpointer             user_data,
         GError             **error)
{
  Doc *doc = user_data;
  Frame *frame = frame_at (doc, 0);

  if (frame != NULL && frame->text != NULL)
    g_string_append_len (frame->text, text, text_len);
}

/* What a <lookup>, <closure> or <constant> inside a <binding> says about
 * the type of the bound property, and the other way round. */
static void
end_lookup (Doc   *doc,
            Frame *frame)
{
  Frame *parent = frame_at (doc, 1);
  const char *this_class = frame->klass;
  gboolean this_is_id = FALSE;
  char *id = g_strstrip (g_strdup (frame->text->str));

  if (frame->name == NULL)
    goto out;

  if (this_class == NULL && !frame->has_expression && *id != '\0')
    {
      this_class = id;
      this_is_id = TRUE;
    }
  if (this_class == NULL)
    goto out; /* the type comes from an inner expression: not followed */

  if (parent != NULL && parent->kind == EL_BINDING && parent->name != NULL)
    {
      Frame *owner = frame_at (doc, 2);

      if (owner != NULL && (owner->kind == EL_OBJECT || owner->kind == EL_TEMPLATE) &&
          owner->klass != NULL)
        {
          g_ptr_array_add (doc->uses,
                           prop_use_new (this_class, this_is_id, frame->name,
                                         HINT_SAME_AS, owner->klass, FALSE, parent->name));
          g_ptr_array_add (doc->uses,
                           prop_use_new (owner->klass, FALSE, parent->name,
                                         HINT_SAME_AS, this_class, this_is_id, frame->name));
        }
    }
  else if (parent != NULL && parent->kind == EL_LOOKUP)
    {
      if (parent->klass != NULL)
        g_ptr_array_add (doc->uses,
                         prop_use_new (this_class, this_is_id, frame->name,
                                       HINT_TYPE_NAME, parent->klass, FALSE, NULL));
      else
        g_ptr_array_add (doc->uses,
                         prop_use_new (this_class, this_is_id, frame->name,
                                       HINT_OBJECT, NULL, FALSE, NULL));
    }
  else
    {
      g_ptr_array_add (doc->uses,
                       prop_use_new (this_class, this_is_id, frame->name,
                                     HINT_NONE, NULL, FALSE, NULL));
    }

out:
  g_free (id);
}

static void
end_typed_expression (Doc   *doc,
                      Frame *frame)
{
  Frame *parent = frame_at (doc, 1);
  Frame *owner = frame_at (doc, 2);

  if (parent == NULL || parent->kind != EL_BINDING || parent->name == NULL ||
      owner == NULL || (owner->kind != EL_OBJECT && owner->kind != EL_TEMPLATE) ||
      owner->klass == NULL)
    return;

  if (frame->klass != NULL)
    g_ptr_array_add (doc->uses,
                     prop_use_new (owner->klass, FALSE, parent->name,
                                   HINT_TYPE_NAME, frame->klass, FALSE, NULL));
  else if (frame->kind == EL_CONSTANT)
    g_ptr_array_add (doc->uses,
                     prop_use_new (owner->klass, FALSE, parent->name,
                                   HINT_OBJECT, NULL, FALSE, NULL));
}

static void
end_property (Doc   *doc,
              Frame *frame)
{
  Frame *owner = owner_frame (doc);

  if (owner == NULL || owner->klass == NULL || frame->name == NULL)
    return;

  /* A list item factory's row template: scanned and built as its own file. */
  if (g_str_equal (owner->klass, "GtkBuilderListItemFactory") &&
      g_str_equal (frame->name, "bytes"))
    {
      GBytes *bytes = g_bytes_new (frame->text->str, frame->text->len);
      char *path = g_strdup_printf ("%s:%d (GtkBuilderListItemFactory bytes)",
                                    doc->path, frame->line);
      Doc *nested = doc_new (path, bytes, TRUE);

      g_ptr_array_add (doc->nested, nested);
      scan_doc (nested);
      g_free (path);
      g_bytes_unref (bytes);
      return;
    }

  if (frame->has_object)
    {
      g_ptr_array_add (doc->uses,
                       prop_use_new (owner->klass, FALSE, frame->name,
                                     HINT_OBJECT, NULL, FALSE, NULL));
    }
  else if (frame->has_expression)
    {
      g_ptr_array_add (doc->uses,
                       prop_use_new (owner->klass, FALSE, frame->name,
                                     HINT_EXPRESSION, NULL, FALSE, NULL));
    }
  else if (frame->bind_source != NULL)
    {
      const char *source_property = frame->bind_property != NULL ? frame->bind_property
                                                                 : frame->name;

      g_ptr_array_add (doc->uses,
                       prop_use_new (owner->klass, FALSE, frame->name,
                                     HINT_SAME_AS, frame->bind_source, TRUE, source_property));
      g_ptr_array_add (doc->uses,
                       prop_use_new (frame->bind_source, TRUE, source_property,
                                     HINT_SAME_AS, owner->klass, FALSE, frame->name));
    }
  else
    {
      char *text = g_strstrip (g_strdup (frame->text->str));

      g_ptr_array_add (doc->uses,
                       prop_use_new (owner->klass, FALSE, frame->name,
                                     HINT_TEXT, NULL, FALSE, NULL));
      if (*text != '\0')
        g_ptr_array_add (doc->text_props,
                         g_strconcat (owner->klass, "\n", frame->name, "\n", text, NULL));
      g_free (text);
    }
}

static void
on_end_element (GMarkupParseContext *context,
                const char          *element_name,
                gpointer             user_data,
                GError             **error)
{
  Doc *doc = user_data;
  Frame *frame = frame_at (doc, 0);

  if (frame == NULL)
    return;

  switch (frame->kind)
    {
    case EL_PROPERTY:
      end_property (doc, frame);
      break;
    case EL_LOOKUP:
      end_lookup (doc, frame);
      break;
    case EL_CLOSURE:
    case EL_CONSTANT:
      end_typed_expression (doc, frame);
      break;
    case EL_OTHER:
    case EL_INTERFACE:
    case EL_TEMPLATE:
    case EL_OBJECT:
    case EL_CHILD:
    case EL_BINDING:
    default:
      break;
    }

  g_ptr_array_remove_index (doc->frames, doc->frames->len - 1);
}

/* Ids are known once the whole file is read. */
static void
resolve_doc_ids (Doc *doc)
{
  guint i;

  for (i = 0; i < doc->uses->len; i++)
    {
      PropUse *use = g_ptr_array_index (doc->uses, i);
      const char *owner = use->owner;
      const char *ref = use->ref_class;

      if (use->owner_is_id)
        owner = g_hash_table_lookup (doc->ids, use->owner);
      if (use->ref_is_id)
        ref = g_hash_table_lookup (doc->ids, use->ref_class);
      if (owner == NULL || (use->ref_is_id && ref == NULL))
        continue;
      g_ptr_array_add (all_uses,
                       prop_use_new (owner, FALSE, use->name, use->hint, ref, FALSE, use->ref_prop));
    }

  /* <property name="model">patients</property>: the object with that id
   * stands in for whatever the property expects. */
  for (i = 0; i < doc->text_props->len; i++)
    {
      char **parts = g_strsplit (g_ptr_array_index (doc->text_props, i), "\n", 3);
      const char *klass = g_hash_table_lookup (doc->ids, parts[2]);
      ProjectType *pt = lookup_project_type (klass);

      if (pt != NULL)
        {
          char *key = g_strconcat (parts[0], "\n", parts[1], NULL);

          add_unique (pt->value_of, key);
          g_free (key);
        }
      g_strfreev (parts);
    }
}

static void
scan_doc (Doc *doc)
{
  static const GMarkupParser parser = {
    on_start_element,
    on_end_element,
    on_text,
    NULL,
    NULL,
  };
  GMarkupParseContext *context;
  g_autoptr (GError) error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (doc->contents, &length);

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, doc, NULL);
  if (!g_markup_parse_context_parse (context, data, length, &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    {
      int line = 0;
      int column = 0;

      g_markup_parse_context_get_position (context, &line, &column);
      doc->scan_error = g_strdup_printf ("%d:%d: %s", line, column, error->message);
    }
  g_markup_parse_context_free (context);
  g_ptr_array_set_size (doc->frames, 0);

  if (doc->scan_error == NULL)
    {
      resolve_doc_ids (doc);
    }
  else if (doc->template_class != NULL)
    {
      ProjectType *pt = lookup_project_type (doc->template_class);

      /* Files that use this class get an "Invalid object type" instead of
       * the template's parse error a second time. */
      if (pt != NULL && g_strcmp0 (pt->template_path, doc->path) == 0)
        pt->error = g_strdup_printf ("%s: the template file is not well-formed", pt->name);
    }
}

/* ------------------------------------------------------------------------ */
/* Types of properties, from GTK, libadwaita or the collected uses          */
/* ------------------------------------------------------------------------ */

static GType resolve_prop_type (const char *klass, const char *name, guint depth);

static GType
real_prop_type (GType       type,
                const char *name)
{
  GParamSpec *pspec = NULL;

  if (G_TYPE_IS_INTERFACE (type))
    {
      gpointer iface = g_type_default_interface_ref (type);

      pspec = g_object_interface_find_property (iface, name);
      g_type_default_interface_unref (iface);
    }
  else if (G_TYPE_IS_OBJECT (type))
    {
      GObjectClass *klass = g_type_class_ref (type);

      pspec = g_object_class_find_property (klass, name);
      g_type_class_unref (klass);
    }
  return pspec != NULL ? G_PARAM_SPEC_VALUE_TYPE (pspec) : G_TYPE_INVALID;
}

static GType
resolve_prop_type (const char *klass,
                   const char *name,
                   guint       depth)
{
  ProjectType *pt;
  GType type;

  if (klass == NULL || name == NULL || depth > 32)
    return G_TYPE_INVALID;

  pt = lookup_project_type (klass);
  if (pt != NULL)
    {
      g_autofree char *canonical = canonical_name (name);
      PropInfo *info = g_hash_table_lookup (pt->props, canonical);

      if (info != NULL && info->strong)
        return info->type;
      type = resolve_prop_type (pt->parent_name, name, depth + 1);
      if (type == G_TYPE_INVALID && info != NULL)
        type = info->type;
      return type;
    }

  type = known_type (klass);
  if (type == G_TYPE_INVALID)
    return G_TYPE_INVALID;
  return real_prop_type (type, name);
}

static GType
resolve_type_name (const char *name)
{
  ProjectType *pt = lookup_project_type (name);

  if (pt != NULL)
    return pt->type;
  return known_type (name);
}

static gboolean
parent_has_property (ProjectType *pt,
                     const char  *name)
{
  return resolve_prop_type (pt->parent_name, name, 0) != G_TYPE_INVALID;
}

static void
collect_lenient_properties (void)
{
  guint pass;
  guint i;

  /* A few passes let "the same type as that property" follow chains. */
  for (pass = 0; pass < 4; pass++)
    {
      for (i = 0; i < all_uses->len; i++)
        {
          PropUse *use = g_ptr_array_index (all_uses, i);
          ProjectType *pt = lookup_project_type (use->owner);
          g_autofree char *canonical = NULL;
          PropInfo *info;
          GType type = G_TYPE_INVALID;
          gboolean strong = FALSE;

          if (pt == NULL || use->name == NULL || !g_param_spec_is_valid_name (use->name))
            continue;
          canonical = canonical_name (use->name);
          if (parent_has_property (pt, canonical))
            continue;
          info = g_hash_table_lookup (pt->props, canonical);
          if (info != NULL && info->strong)
            continue;

          switch (use->hint)
            {
            case HINT_SAME_AS:
              type = resolve_prop_type (use->ref_class, use->ref_prop, 0);
              strong = type != G_TYPE_INVALID;
              break;
            case HINT_TYPE_NAME:
              type = resolve_type_name (use->ref_class);
              strong = type != G_TYPE_INVALID;
              break;
            case HINT_EXPRESSION:
              type = GTK_TYPE_EXPRESSION;
              strong = TRUE;
              break;
            case HINT_OBJECT:
              type = G_TYPE_OBJECT;
              break;
            case HINT_TEXT:
            case HINT_NONE:
            default:
              break;
            }
          if (type == G_TYPE_INVALID)
            type = G_TYPE_STRING;

          if (info == NULL)
            {
              info = g_new0 (PropInfo, 1);
              info->type = type;
              info->strong = strong;
              g_hash_table_insert (pt->props, g_steal_pointer (&canonical), info);
            }
          else if (strong || (info->type == G_TYPE_STRING && type == G_TYPE_OBJECT))
            {
              info->type = type;
              info->strong = strong;
            }
        }
    }
}

GType validate_scope_get_type (void);

/* ------------------------------------------------------------------------ */
/* The stand-in classes                                                     */
/* ------------------------------------------------------------------------ */

static void
free_value (gpointer data)
{
  GValue *value = data;

  g_value_unset (value);
  g_free (value);
}

static void
project_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  GHashTable *values = g_object_get_qdata (object, values_quark);
  GValue *copy = g_new0 (GValue, 1);

  if (values == NULL)
    {
      values = g_hash_table_new_full (NULL, NULL, NULL, free_value);
      g_object_set_qdata_full (object, values_quark, values,
                               (GDestroyNotify) g_hash_table_unref);
    }
  g_value_init (copy, G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_value_copy (value, copy);
  g_hash_table_replace (values, pspec, copy);
}

static void
project_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  GHashTable *values = g_object_get_qdata (object, values_quark);
  GValue *stored = values != NULL ? g_hash_table_lookup (values, pspec) : NULL;

  if (stored != NULL)
    g_value_copy (stored, value);
}

static GParamSpec *
lenient_pspec_new (const char *name,
                   GType       type)
{
  const GParamFlags flags = G_PARAM_READWRITE;
  GType fundamental = G_TYPE_FUNDAMENTAL (type);

  if (type == GTK_TYPE_EXPRESSION)
    return gtk_param_spec_expression (name, NULL, NULL, flags);
  if (fundamental == G_TYPE_BOOLEAN)
    return g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
  if (fundamental == G_TYPE_INT)
    return g_param_spec_int (name, NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  if (fundamental == G_TYPE_UINT)
    return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0, flags);
  if (fundamental == G_TYPE_LONG)
    return g_param_spec_long (name, NULL, NULL, G_MINLONG, G_MAXLONG, 0, flags);
  if (fundamental == G_TYPE_ULONG)
    return g_param_spec_ulong (name, NULL, NULL, 0, G_MAXULONG, 0, flags);
  if (fundamental == G_TYPE_INT64)
    return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  if (fundamental == G_TYPE_UINT64)
    return g_param_spec_uint64 (name, NULL, NULL, 0, G_MAXUINT64, 0, flags);
  if (fundamental == G_TYPE_FLOAT)
    return g_param_spec_float (name, NULL, NULL, -G_MAXFLOAT, G_MAXFLOAT, 0, flags);
  if (fundamental == G_TYPE_DOUBLE)
    return g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  if (fundamental == G_TYPE_ENUM)
    {
      GEnumClass *enum_class = g_type_class_ref (type);
      int first = enum_class->n_values > 0 ? enum_class->values[0].value : 0;
      GParamSpec *pspec = g_param_spec_enum (name, NULL, NULL, type, first, flags);

      g_type_class_unref (enum_class);
      return pspec;
    }
  if (fundamental == G_TYPE_FLAGS)
    return g_param_spec_flags (name, NULL, NULL, type, 0, flags);
  if (fundamental == G_TYPE_OBJECT ||
      (fundamental == G_TYPE_INTERFACE && g_type_is_a (type, G_TYPE_OBJECT)))
    return g_param_spec_object (name, NULL, NULL, type, flags);
  if (fundamental == G_TYPE_BOXED)
    return g_param_spec_boxed (name, NULL, NULL, type, flags);
  if (fundamental == G_TYPE_POINTER)
    return g_param_spec_pointer (name, NULL, NULL, flags);
  if (type == G_TYPE_GTYPE)
    return g_param_spec_gtype (name, NULL, NULL, G_TYPE_NONE, flags);
  return g_param_spec_string (name, NULL, NULL, NULL, flags);
}

static void
project_class_init (gpointer g_class,
                    gpointer class_data)
{
  ProjectType *pt = class_data;
  GObjectClass *object_class = G_OBJECT_CLASS (g_class);
  GType type = G_TYPE_FROM_CLASS (g_class);
  GType parent = g_type_parent (type);
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  guint prop_id = 1;
  guint i;

  object_class->set_property = project_set_property;
  object_class->get_property = project_get_property;

  g_hash_table_iter_init (&iter, pt->props);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PropInfo *info = value;

      if (g_object_class_find_property (object_class, key) != NULL)
        continue;
      g_object_class_install_property (object_class, prop_id++,
                                       lenient_pspec_new (key, info->type));
    }

  for (i = 0; i < pt->signals->len; i++)
    {
      const char *signal_name = g_ptr_array_index (pt->signals, i);

      if (!g_signal_is_valid_name (signal_name) || g_signal_lookup (signal_name, parent) != 0)
        continue;
      g_signal_new (signal_name, type, G_SIGNAL_RUN_LAST, 0,
                    NULL, NULL, NULL, G_TYPE_NONE, 0);
    }

  if (pt->is_template && pt->template_bytes != NULL && GTK_IS_WIDGET_CLASS (g_class))
    {
      GtkBuilderScope *scope = g_object_new (validate_scope_get_type (), NULL);

      gtk_widget_class_set_template (GTK_WIDGET_CLASS (g_class), pt->template_bytes);
      gtk_widget_class_set_template_scope (GTK_WIDGET_CLASS (g_class), scope);
      g_object_unref (scope);
    }
}

static void
project_instance_init (GTypeInstance *instance,
                       gpointer       g_class)
{
  GType type = G_TYPE_FROM_CLASS (g_class);
  ProjectType *pt = g_type_get_qdata (type, project_type_quark);

  if (pt != NULL && pt->is_template && type != init_template_suppressed &&
      GTK_IS_WIDGET_CLASS (g_class))
    gtk_widget_init_template (GTK_WIDGET (instance));
}

static GType
empty_list_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
empty_list_get_n_items (GListModel *model)
{
  return 0;
}

static gpointer
empty_list_get_item (GListModel *model,
                     guint       position)
{
  return NULL;
}

static void
empty_list_iface_init (gpointer g_iface,
                       gpointer iface_data)
{
  GListModelInterface *iface = g_iface;

  iface->get_item_type = empty_list_get_item_type;
  iface->get_n_items = empty_list_get_n_items;
  iface->get_item = empty_list_get_item;
}

static void
choose_stand_in_parent (ProjectType *pt)
{
  guint i;

  if (pt->is_template || pt->parent_name != NULL)
    return;

  for (i = 0; i < pt->value_of->len; i++)
    {
      char **parts = g_strsplit (g_ptr_array_index (pt->value_of, i), "\n", 2);
      GType expected = resolve_prop_type (parts[0], parts[1], 0);

      g_strfreev (parts);
      if (expected == G_TYPE_INVALID)
        continue;
      if (expected == G_TYPE_LIST_MODEL)
        {
          pt->list_model = TRUE;
          pt->parent_name = g_strdup ("GObject");
          return;
        }
      if (G_TYPE_IS_OBJECT (expected) && !G_TYPE_IS_INTERFACE (expected))
        {
          pt->parent_name = g_strdup (g_type_name (expected));
          return;
        }
    }

  pt->parent_name = g_strdup (pt->as_widget ? "GtkWidget" : "GObject");
}

static GType
register_project_type (ProjectType *pt)
{
  ProjectType *parent_pt;
  GType parent = G_TYPE_INVALID;
  GTypeQuery query;
  GTypeInfo info = { 0 };

  if (pt->type != G_TYPE_INVALID || pt->error != NULL)
    return pt->type;
  if (pt->registering)
    {
      pt->error = g_strdup_printf ("%s: its parent chain loops back to it", pt->name);
      return G_TYPE_INVALID;
    }

  choose_stand_in_parent (pt);
  pt->registering = TRUE;
  parent_pt = lookup_project_type (pt->parent_name);
  if (parent_pt != NULL)
    {
      parent = register_project_type (parent_pt);
      if (parent == G_TYPE_INVALID && parent_pt->error != NULL)
        pt->error = g_strdup (parent_pt->error);
    }
  else
    {
      parent = known_type (pt->parent_name);
    }
  pt->registering = FALSE;

  if (pt->error != NULL)
    return G_TYPE_INVALID;
  if (parent == G_TYPE_INVALID)
    {
      pt->error = g_strdup_printf ("%s: unknown parent type %s", pt->name, pt->parent_name);
      return G_TYPE_INVALID;
    }
  if (pt->is_template && !g_type_is_a (parent, GTK_TYPE_WIDGET))
    {
      pt->error = g_strdup_printf ("template %s: parent %s is not a GtkWidget",
                                   pt->name, pt->parent_name);
      return G_TYPE_INVALID;
    }
  if (G_TYPE_IS_FINAL (parent) || !G_TYPE_IS_DERIVABLE (parent) || !G_TYPE_IS_OBJECT (parent))
    {
      pt->error = g_strdup_printf ("%s: cannot derive from %s", pt->name, pt->parent_name);
      return G_TYPE_INVALID;
    }

  g_type_query (parent, &query);
  info.class_size = (guint16) query.class_size;
  info.class_init = project_class_init;
  info.class_data = pt;
  info.instance_size = (guint16) query.instance_size;
  info.instance_init = project_instance_init;
  pt->type = g_type_register_static (parent, pt->name, &info, 0);
  if (pt->type == G_TYPE_INVALID)
    {
      pt->error = g_strdup_printf ("%s: could not be registered", pt->name);
      return G_TYPE_INVALID;
    }
  g_type_set_qdata (pt->type, project_type_quark, pt);

  if (pt->list_model)
    {
      const GInterfaceInfo iface_info = { empty_list_iface_init, NULL, NULL };

      g_type_add_interface_static (pt->type, G_TYPE_LIST_MODEL, &iface_info);
    }

  if (verbose)
    g_print ("  stand-in %s: %s derived from %s%s\n",
             pt->name, pt->is_template ? "template" : "class", pt->parent_name,
             pt->list_model ? ", an empty GListModel" : "");
  return pt->type;
}

/* ------------------------------------------------------------------------ */
/* The builder scope: any handler or closure name is accepted               */
/* ------------------------------------------------------------------------ */

typedef struct
{
  GtkBuilderCScope parent_instance;
} ValidateScope;

typedef struct
{
  GtkBuilderCScopeClass parent_class;
} ValidateScopeClass;

static void validate_scope_iface_init (GtkBuilderScopeInterface *iface);

G_DEFINE_TYPE_WITH_CODE (ValidateScope, validate_scope, GTK_TYPE_BUILDER_CSCOPE,
                         G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDER_SCOPE,
                                                validate_scope_iface_init))

/* Runs nothing and leaves the return value at its default. */
static void
noop_marshal (GClosure     *closure,
              GValue       *return_value,
              guint         n_param_values,
              const GValue *param_values,
              gpointer      invocation_hint,
              gpointer      marshal_data)
{
}

static GClosure *
validate_scope_create_closure (GtkBuilderScope        *scope,
                               GtkBuilder             *builder,
                               const char             *function_name,
                               GtkBuilderClosureFlags  flags,
                               GObject                *object,
                               GError                **error)
{
  GClosure *closure = g_closure_new_simple (sizeof (GClosure), NULL);

  g_closure_set_marshal (closure, noop_marshal);
  return closure;
}

static void
validate_scope_iface_init (GtkBuilderScopeInterface *iface)
{
  iface->create_closure = validate_scope_create_closure;
}

static void
validate_scope_class_init (ValidateScopeClass *klass)
{
}

static void
validate_scope_init (ValidateScope *self)
{
}

/* ------------------------------------------------------------------------ */
/* Building                                                                 */
/* ------------------------------------------------------------------------ */

static gboolean
message_names_project_type (const char *message)
{
  GHashTableIter iter;
  gpointer key;

  if (message == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, project_types);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (strstr (message, key) != NULL)
        return TRUE;
    }
  return FALSE;
}

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *message = NULL;
  const char *domain = NULL;
  const char *level;
  gboolean failure;
  gsize i;

  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0)
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  for (i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        message = fields[i].value;
      else if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0)
        domain = fields[i].value;
    }

  level = (log_level & G_LOG_LEVEL_WARNING) != 0 ? "warning" : "critical";
  failure = TRUE;

  /* A value conversion that involves a stand-in class says nothing about
   * GTK or libadwaita: the stand-in's property type was a guess. */
  if ((log_level & G_LOG_LEVEL_WARNING) != 0 && domain != NULL &&
      g_str_equal (domain, "GLib-GObject") && message_names_project_type (message))
    {
      failure = FALSE;
      level = "note (stand-in class)";
    }

  if (current_path != NULL)
    {
      g_print ("%s: %s: %s: %s\n", current_path, level,
               domain != NULL ? domain : "?", message != NULL ? message : "");
      if (failure)
        current_failures++;
    }
  else
    {
      g_print ("%s: %s: %s\n", level, domain != NULL ? domain : "?",
               message != NULL ? message : "");
      if (failure)
        startup_failures++;
    }
  return G_LOG_WRITER_HANDLED;
}

/* GtkBuilder calls a string "." (or "<input>"): put the file's name there. */
static void
print_builder_error (const char   *path,
                     const GError *error)
{
  if (g_str_has_prefix (error->message, ".:"))
    g_print ("%s:%s\n", path, error->message + strlen (".:"));
  else if (g_str_has_prefix (error->message, "<input>:"))
    g_print ("%s:%s\n", path, error->message + strlen ("<input>:"));
  else
    g_print ("%s: %s\n", path, error->message);
}

static GtkBuilder *
new_builder (void)
{
  GtkBuilder *builder = gtk_builder_new ();
  GtkBuilderScope *scope = g_object_new (validate_scope_get_type (), NULL);

  gtk_builder_set_scope (builder, scope);
  g_object_unref (scope);
  return builder;
}

/* Builds one file; objects are left alive: this process ends soon, and
 * destroying half-checked stand-ins would only add noise. */
static gboolean
build_doc (Doc *doc)
{
  g_autoptr (GError) error = NULL;
  GtkBuilder *builder;
  gboolean ok = TRUE;
  gsize length = 0;
  const char *data = g_bytes_get_data (doc->contents, &length);
  guint i;

  current_path = doc->path;
  current_failures = 0;

  if (doc->scan_error != NULL)
    {
      g_print ("%s:%s\n", doc->path, doc->scan_error);
      current_path = NULL;
      return FALSE;
    }

  builder = new_builder ();
  if (doc->template_class != NULL)
    {
      ProjectType *pt = lookup_project_type (doc->template_class);
      GType type = pt != NULL ? pt->type : known_type (doc->template_class);
      GObject *object;

      if (doc->list_item && type != GTK_TYPE_LIST_ITEM)
        {
          g_print ("%s: a list item factory's template must be of class GtkListItem, not %s\n",
                   doc->path, doc->template_class);
          ok = FALSE;
        }
      else if (pt != NULL && pt->error != NULL)
        {
          g_print ("%s: %s\n", doc->path, pt->error);
          ok = FALSE;
        }
      else if (type == G_TYPE_INVALID || G_TYPE_IS_ABSTRACT (type) || !G_TYPE_IS_OBJECT (type))
        {
          g_print ("%s: cannot make an instance of template class %s\n",
                   doc->path, doc->template_class);
          ok = FALSE;
        }
      else
        {
          init_template_suppressed = type;
          object = g_object_new (type, NULL);
          init_template_suppressed = G_TYPE_INVALID;
          if (G_IS_INITIALLY_UNOWNED (object))
            g_object_ref_sink (object);
          if (!gtk_builder_extend_with_template (builder, object, type, data, (gssize) length, &error))
            {
              print_builder_error (doc->path, error);
              ok = FALSE;
            }
        }
    }
  else if (doc->list_item)
    {
      g_print ("%s: a list item factory's bytes must hold a <template class=\"GtkListItem\">\n",
               doc->path);
      ok = FALSE;
    }
  else if (!gtk_builder_add_from_string (builder, data, (gssize) length, &error))
    {
      print_builder_error (doc->path, error);
      ok = FALSE;
    }

  if (current_failures > 0)
    ok = FALSE;
  current_path = NULL;

  for (i = 0; i < doc->nested->len; i++)
    {
      if (!build_doc (g_ptr_array_index (doc->nested, i)))
        ok = FALSE;
    }
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GPtrArray) docs = g_ptr_array_new ();
  g_autoptr (GPtrArray) resource_files = g_ptr_array_new ();
  guint r;
  GHashTableIter iter;
  gpointer value;
  guint failed = 0;
  guint n_files = 0;
  int i;

  g_log_set_writer_func (log_writer, NULL, NULL);
  project_type_quark = g_quark_from_static_string ("tonic-validate-ui-project-type");
  values_quark = g_quark_from_static_string ("tonic-validate-ui-values");

  for (i = 1; i < argc && g_str_has_prefix (argv[i], "--"); i++)
    {
      if (g_str_has_prefix (argv[i], "--prefix="))
        project_prefix = argv[i] + strlen ("--prefix=");
      else if (g_str_has_prefix (argv[i], "--resource="))
        g_ptr_array_add (resource_files, argv[i] + strlen ("--resource="));
      else if (g_str_equal (argv[i], "--verbose"))
        verbose = TRUE;
      else if (g_str_equal (argv[i], "--"))
        {
          i++;
          break;
        }
      else
        {
          g_printerr ("usage: %s [--prefix=PREFIX] [--resource=FILE.gresource]... "
                      "[--verbose] FILE.ui...\n", argv[0]);
          return 2;
        }
    }
  if (i >= argc)
    {
      g_printerr ("usage: %s [--prefix=PREFIX] [--resource=FILE.gresource]... "
                  "[--verbose] FILE.ui...\n", argv[0]);
      return 2;
    }

  if (!gtk_init_check ())
    {
      g_printerr ("%s: cannot open a display (run it under xvfb-run)\n", argv[0]);
      return 2;
    }
  adw_init ();

  for (r = 0; r < resource_files->len; r++)
    {
      g_autoptr (GError) error = NULL;
      const char *resource_file = g_ptr_array_index (resource_files, r);
      GResource *resource = g_resource_load (resource_file, &error);

      if (resource == NULL)
        {
          g_printerr ("%s: %s\n", resource_file, error->message);
          return 2;
        }
      g_resources_register (resource);
    }

  type_builder = gtk_builder_new ();
  project_types = g_hash_table_new (g_str_hash, g_str_equal);
  all_uses = g_ptr_array_new_with_free_func (prop_use_free);

  /* Read and scan every file first: a template in one file may be used in
   * another. */
  for (; i < argc; i++)
    {
      g_autoptr (GError) error = NULL;
      char *contents = NULL;
      gsize length = 0;
      GBytes *bytes;
      Doc *doc;

      n_files++;
      if (!g_file_get_contents (argv[i], &contents, &length, &error))
        {
          g_print ("%s: %s\n", argv[i], error->message);
          failed++;
          continue;
        }
      bytes = g_bytes_new_take (contents, length);
      doc = doc_new (argv[i], bytes, FALSE);
      g_bytes_unref (bytes);
      scan_doc (doc);
      g_ptr_array_add (docs, doc);
    }

  g_hash_table_iter_init (&iter, project_types);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    register_project_type (value);
  collect_lenient_properties ();

  for (i = 0; i < (int) docs->len; i++)
    {
      Doc *doc = g_ptr_array_index (docs, i);

      if (build_doc (doc))
        g_print ("ok: %s\n", doc->path);
      else
        {
          g_print ("FAILED: %s\n", doc->path);
          failed++;
        }
    }

  if (startup_failures > 0)
    {
      g_print ("%u warning(s) while starting GTK\n", startup_failures);
      failed++;
    }

  g_print ("%u file(s) checked, %u failed\n", n_files, failed);
  return failed > 0 ? 1 : 0;
}
