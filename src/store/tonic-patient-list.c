/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-patient-list"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-patient-list.h"

/* How the list pages (ARCHITECTURE.md, "How data flows" 4).
 *
 * Positions are grouped in aligned pages of PAGE_SIZE rows. get_item()
 * finds or makes the page of the position, moves it to the front of the
 * LRU queue and returns the page's item for the position (made on first
 * use). A page nobody has read yet waits in a LIFO queue (the position
 * asked for last is usually the one on screen), and at most MAX_READS
 * reads are with the store at once, so a fast scroll does not pile up a
 * read per page it passed: pages evicted while they wait are never read.
 * At most MAX_PAGES pages are kept; making one more evicts the least
 * recently used, cancelling its read. An evicted page's items leave the
 * cache but keep their patients for whoever holds them.
 *
 * Every read carries a serial that its page remembers; a result whose
 * page has gone, or has started another read since (after a refresh or a
 * new query), is dropped. A new query drops every page and counts again;
 * until the count arrives, the old number of items stands and positions
 * without a page get placeholders that will never fill (the items-changed
 * that follows the count replaces them). */

#define PAGE_SIZE TONIC_PATIENT_LIST_PAGE_SIZE
#define MAX_PAGES TONIC_PATIENT_LIST_MAX_PAGES
#define MAX_READS 2

struct _TonicPatientItem
{
  GObject parent_instance;

  TonicPatient *patient;
  guint         position;
};

typedef struct
{
  guint             index;
  /* The rows as last read (possibly fewer than PAGE_SIZE), or NULL. */
  GPtrArray        *patients;
  TonicPatientItem *items[PAGE_SIZE];
  GList             lru_link;
  GList             wait_link;
  gboolean          waiting;
  GCancellable     *cancellable;   /* set while a read is with the store */
  guint64           read_serial;
  gboolean          failed;
} Page;

typedef struct
{
  GWeakRef  list;
  guint64   serial;
  guint     index;
} Read;

struct _TonicPatientList
{
  GObject parent_instance;

  TonicStore         *store;

  /* The query, with its strings owned. */
  TonicPatientQuery   query;
  char               *query_text;
  char               *query_today;

  guint               n_items;

  GHashTable         *pages;          /* page index → Page */
  GQueue              lru;            /* of Page, most recently used first */
  GQueue              waiting;        /* of Page, next to read first */
  guint               n_reading;
  guint64             next_serial;

  GCancellable       *count_cancellable;
  guint64             count_serial;
  gboolean            counting;
  /* The count in progress is a refresh: the query is the same. */
  gboolean            refreshing;
  /* After a read failed: no more reads until a refresh or a new query. */
  gboolean            halted;

  gboolean            loading;
  GError             *error;
  guint               n_loaded;
  guint               peak_loaded;
};

static void tonic_patient_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE (TonicPatientItem, tonic_patient_item, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE_WITH_CODE (TonicPatientList, tonic_patient_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      tonic_patient_list_model_init))

enum
{
  ITEM_PROP_0,
  ITEM_PROP_PATIENT,
  ITEM_PROP_POSITION,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

enum
{
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  PROP_ERROR,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* -- Items ----------------------------------------------------------------- */

static TonicPatientItem *
item_new (guint         position,
          TonicPatient *patient)
{
  TonicPatientItem *item = g_object_new (TONIC_TYPE_PATIENT_ITEM, NULL);

  item->position = position;
  item->patient = patient ? g_object_ref (patient) : NULL;

  return item;
}

static void
item_set_patient (TonicPatientItem *item,
                  TonicPatient     *patient)
{
  if (g_set_object (&item->patient, patient))
    g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_PATIENT]);
}

static void
tonic_patient_item_finalize (GObject *object)
{
  TonicPatientItem *self = (TonicPatientItem *) object;

  g_clear_object (&self->patient);

  G_OBJECT_CLASS (tonic_patient_item_parent_class)->finalize (object);
}

static void
tonic_patient_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TonicPatientItem *self = TONIC_PATIENT_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_PATIENT:
      g_value_set_object (value, self->patient);
      break;
    case ITEM_PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_patient_item_class_init (TonicPatientItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tonic_patient_item_finalize;
  object_class->get_property = tonic_patient_item_get_property;

  item_properties[ITEM_PROP_PATIENT] =
    g_param_spec_object ("patient", NULL, NULL, TONIC_TYPE_PATIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
tonic_patient_item_init (TonicPatientItem *self)
{
}

/* -- Pages ----------------------------------------------------------------- */

static void
read_free (Read *read)
{
  g_weak_ref_clear (&read->list);
  g_free (read);
}

static void
set_error (TonicPatientList *self,
           const GError     *error)
{
  if (error == NULL && self->error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
update_loading (TonicPatientList *self)
{
  gboolean loading = self->counting || self->n_reading > 0 || self->waiting.length > 0;

  if (loading != self->loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

static void
set_page_patients (TonicPatientList *self,
                   Page             *page,
                   GPtrArray        *patients)
{
  guint len = patients ? patients->len : 0;

  if (page->patients != NULL)
    self->n_loaded -= page->patients->len;
  g_clear_pointer (&page->patients, g_ptr_array_unref);

  page->patients = patients;
  self->n_loaded += len;
  self->peak_loaded = MAX (self->peak_loaded, self->n_loaded);
}

/* Forgets the page's read, if one is with the store: its answer will find
 * the serial changed and be dropped. */
static void
cancel_read (TonicPatientList *self,
             Page             *page)
{
  if (page->waiting)
    {
      g_queue_unlink (&self->waiting, &page->wait_link);
      page->waiting = FALSE;
    }

  if (page->cancellable != NULL)
    {
      g_cancellable_cancel (page->cancellable);
      g_clear_object (&page->cancellable);
      g_assert (self->n_reading > 0);
      self->n_reading--;
    }

  page->read_serial = 0;
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_assert (page->cancellable == NULL && !page->waiting);

  g_clear_pointer (&page->patients, g_ptr_array_unref);
  for (guint i = 0; i < PAGE_SIZE; i++)
    g_clear_object (&page->items[i]);
  g_free (page);
}

static void
drop_page (TonicPatientList *self,
           Page             *page)
{
  cancel_read (self, page);
  set_page_patients (self, page, NULL);
  g_queue_unlink (&self->lru, &page->lru_link);
  g_hash_table_remove (self->pages, GUINT_TO_POINTER (page->index));
}

static void
drop_all_pages (TonicPatientList *self)
{
  while (self->lru.head != NULL)
    drop_page (self, self->lru.head->data);

  g_assert (g_hash_table_size (self->pages) == 0);
  g_assert (self->n_loaded == 0 && self->n_reading == 0 && self->waiting.length == 0);
}

static void
touch_page (TonicPatientList *self,
            Page             *page)
{
  if (self->lru.head == &page->lru_link)
    return;

  g_queue_unlink (&self->lru, &page->lru_link);
  g_queue_push_head_link (&self->lru, &page->lru_link);
}

static void
wait_for_read (TonicPatientList *self,
               Page             *page)
{
  g_assert (!page->waiting && page->cancellable == NULL);

  page->failed = FALSE;
  page->waiting = TRUE;
  g_queue_push_head_link (&self->waiting, &page->wait_link);
}

static void dispatch_reads (TonicPatientList *self);

static void
on_page_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Read *read = user_data;
  g_autoptr(TonicPatientList) self = g_weak_ref_get (&read->list);
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GError) error = NULL;
  Page *page;

  patients = tonic_store_list_patients_finish (TONIC_STORE (object), result, &error);

  if (self == NULL ||
      (page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (read->index))) == NULL ||
      page->read_serial != read->serial)
    {
      /* Evicted, refreshed or replaced by a new query meanwhile. */
      read_free (read);
      return;
    }

  read_free (read);

  g_assert (page->cancellable != NULL && self->n_reading > 0);
  g_clear_object (&page->cancellable);
  self->n_reading--;
  page->read_serial = 0;

  if (patients == NULL)
    {
      g_debug ("Could not read page %u: %s", page->index, error->message);
      page->failed = TRUE;

      /* Whatever failed this read (a sign-out, a closed store, a full
       * disk) fails the next ones too, each with its own denied audit
       * row: stop asking until a refresh or a new query. */
      self->halted = TRUE;
      while (self->waiting.head != NULL)
        {
          Page *waiting = self->waiting.head->data;

          cancel_read (self, waiting);
          waiting->failed = TRUE;
        }

      update_loading (self);
      set_error (self, error);
      return;
    }

  set_page_patients (self, page, g_ptr_array_ref (patients));

  /* Handlers of the notifications may ask for other items, and so evict
   * this page: they are sent from references of our own. */
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
    g_autofree guint *offsets = g_new (guint, PAGE_SIZE);

    for (guint i = 0; i < PAGE_SIZE; i++)
      {
        if (page->items[i] != NULL)
          {
            offsets[items->len] = i;
            g_ptr_array_add (items, g_object_ref (page->items[i]));
          }
      }

    dispatch_reads (self);

    for (guint i = 0; i < items->len; i++)
      item_set_patient (g_ptr_array_index (items, i),
                        offsets[i] < patients->len ? g_ptr_array_index (patients, offsets[i])
                                                   : NULL);
  }

  update_loading (self);
}

static void
start_read (TonicPatientList *self,
            Page             *page)
{
  Read *read = g_new0 (Read, 1);

  g_assert (page->cancellable == NULL);

  page->cancellable = g_cancellable_new ();
  page->read_serial = ++self->next_serial;
  self->n_reading++;

  g_weak_ref_init (&read->list, self);
  read->serial = page->read_serial;
  read->index = page->index;

  tonic_store_list_patients_async (self->store, &self->query, page->index * PAGE_SIZE, PAGE_SIZE,
                                   page->cancellable, on_page_read, read);
}

static void
dispatch_reads (TonicPatientList *self)
{
  while (self->n_reading < MAX_READS && self->waiting.head != NULL)
    {
      Page *page = self->waiting.head->data;

      g_queue_unlink (&self->waiting, &page->wait_link);
      page->waiting = FALSE;
      start_read (self, page);
    }
}

static Page *
ensure_page (TonicPatientList *self,
             guint             index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

  if (page != NULL)
    {
      touch_page (self, page);
      return page;
    }

  page = g_new0 (Page, 1);
  page->index = index;
  page->lru_link.data = page;
  page->wait_link.data = page;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  g_queue_push_head_link (&self->lru, &page->lru_link);

  while (g_hash_table_size (self->pages) > MAX_PAGES)
    drop_page (self, self->lru.tail->data);

  if (self->halted)
    {
      page->failed = TRUE;
    }
  else
    {
      wait_for_read (self, page);
      dispatch_reads (self);
    }

  return page;
}

/* -- Counting -------------------------------------------------------------- */

static void
on_count (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Read *read = user_data;
  g_autoptr(TonicPatientList) self = g_weak_ref_get (&read->list);
  g_autoptr(GError) error = NULL;
  gboolean refreshing;
  guint old_n_items;
  guint count;

  count = tonic_store_count_patients_finish (TONIC_STORE (object), result, &error);

  if (self == NULL || read->serial != self->count_serial)
    {
      read_free (read);
      return;
    }

  read_free (read);

  g_clear_object (&self->count_cancellable);
  self->counting = FALSE;
  refreshing = self->refreshing;
  self->refreshing = FALSE;
  old_n_items = self->n_items;

  if (error != NULL)
    {
      g_debug ("Could not count the patients: %s", error->message);
      drop_all_pages (self);
      self->n_items = 0;
    }
  else if (refreshing && count == old_n_items)
    {
      /* The pages kept are being read again and update their items in
       * place: rows stay where they are. */
      update_loading (self);
      return;
    }
  else
    {
      drop_all_pages (self);
      self->n_items = count;
    }

  /* The model is consistent before anyone hears of it; handlers may set
   * another query. */
  if (old_n_items != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (error != NULL)
    set_error (self, error);
  update_loading (self);
}

static void
start_count (TonicPatientList *self,
             gboolean          refreshing)
{
  Read *read = g_new0 (Read, 1);

  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);

  self->count_cancellable = g_cancellable_new ();
  self->count_serial = ++self->next_serial;
  self->counting = TRUE;
  self->refreshing = refreshing;

  g_weak_ref_init (&read->list, self);
  read->serial = self->count_serial;

  tonic_store_count_patients_async (self->store, &self->query, self->count_cancellable,
                                    on_count, read);
}

/* -- GListModel ------------------------------------------------------------ */

static GType
tonic_patient_list_get_item_type (GListModel *model)
{
  return TONIC_TYPE_PATIENT_ITEM;
}

static guint
tonic_patient_list_get_n_items (GListModel *model)
{
  return TONIC_PATIENT_LIST (model)->n_items;
}

static gpointer
tonic_patient_list_get_item (GListModel *model,
                             guint       position)
{
  TonicPatientList *self = TONIC_PATIENT_LIST (model);
  TonicPatientItem *item;
  guint offset = position % PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  /* A new query is being counted: these positions are about to go. */
  if (self->counting && !self->refreshing)
    return item_new (position, NULL);

  page = ensure_page (self, position / PAGE_SIZE);
  item = page->items[offset];
  if (item == NULL)
    {
      TonicPatient *patient = NULL;

      if (page->patients != NULL && offset < page->patients->len)
        patient = g_ptr_array_index (page->patients, offset);

      item = page->items[offset] = item_new (position, patient);
    }

  g_object_ref (item);
  /* Last: a handler of notify::loading may change the list. */
  update_loading (self);

  return item;
}

static void
tonic_patient_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = tonic_patient_list_get_item_type;
  iface->get_n_items = tonic_patient_list_get_n_items;
  iface->get_item = tonic_patient_list_get_item;
}

/* -- GObject --------------------------------------------------------------- */

static void
tonic_patient_list_constructed (GObject *object)
{
  TonicPatientList *self = TONIC_PATIENT_LIST (object);

  G_OBJECT_CLASS (tonic_patient_list_parent_class)->constructed (object);

  g_return_if_fail (TONIC_IS_STORE (self->store));

  start_count (self, FALSE);
  update_loading (self);
}

static void
tonic_patient_list_dispose (GObject *object)
{
  TonicPatientList *self = TONIC_PATIENT_LIST (object);

  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  self->counting = FALSE;

  if (self->pages != NULL)
    drop_all_pages (self);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (tonic_patient_list_parent_class)->dispose (object);
}

static void
tonic_patient_list_finalize (GObject *object)
{
  TonicPatientList *self = TONIC_PATIENT_LIST (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->query_text, g_free);
  g_clear_pointer (&self->query_today, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (tonic_patient_list_parent_class)->finalize (object);
}

static void
tonic_patient_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TonicPatientList *self = TONIC_PATIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_patient_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TonicPatientList *self = TONIC_PATIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_patient_list_class_init (TonicPatientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tonic_patient_list_constructed;
  object_class->dispose = tonic_patient_list_dispose;
  object_class->finalize = tonic_patient_list_finalize;
  object_class->get_property = tonic_patient_list_get_property;
  object_class->set_property = tonic_patient_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TONIC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Whether a count or a page read is under way. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The last error of a count or page read (a GError), or NULL. */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The number of items, for bindings (an empty state, a count label). */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tonic_patient_list_init (TonicPatientList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  self->query.status = TONIC_PATIENT_STATUS_ACTIVE;
  self->query.sort = TONIC_PATIENT_SORT_NAME;
}

/* -- Public API ------------------------------------------------------------ */

TonicPatient *
tonic_patient_item_get_patient (TonicPatientItem *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_ITEM (self), NULL);

  return self->patient;
}

guint
tonic_patient_item_get_position (TonicPatientItem *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_ITEM (self), 0);

  return self->position;
}

/**
 * tonic_patient_list_new:
 * @store: an open store
 *
 * A list of the active patients by name; the count starts at once.
 */
TonicPatientList *
tonic_patient_list_new (TonicStore *store)
{
  g_return_val_if_fail (TONIC_IS_STORE (store), NULL);

  return g_object_new (TONIC_TYPE_PATIENT_LIST, "store", store, NULL);
}

void
tonic_patient_list_set_query (TonicPatientList        *self,
                              const TonicPatientQuery *query)
{
  g_return_if_fail (TONIC_IS_PATIENT_LIST (self));
  g_return_if_fail (query != NULL);

  g_free (self->query_text);
  g_free (self->query_today);
  self->query = *query;
  self->query_text = g_strdup (query->text);
  self->query_today = g_strdup (query->today);
  self->query.text = self->query_text;
  self->query.today = self->query_today;

  drop_all_pages (self);
  self->halted = FALSE;
  self->peak_loaded = 0;
  start_count (self, FALSE);

  /* Notified last: handlers may change the list again. */
  set_error (self, NULL);
  update_loading (self);
}

gboolean
tonic_patient_list_get_loading (TonicPatientList *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_LIST (self), FALSE);

  return self->loading;
}

const GError *
tonic_patient_list_get_error (TonicPatientList *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_LIST (self), NULL);

  return self->error;
}

guint
tonic_patient_list_get_n_loaded (TonicPatientList *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_LIST (self), 0);

  return self->n_loaded;
}

guint
tonic_patient_list_get_peak_loaded (TonicPatientList *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT_LIST (self), 0);

  return self->peak_loaded;
}

/**
 * tonic_patient_list_refresh:
 * @self: a patient list
 *
 * Reads every kept page again and counts again. When the count is
 * unchanged the items stay and their "patient" is replaced as the pages
 * arrive (rows keep their place and selection); otherwise every item is
 * replaced with one items-changed, as for a new query.
 */
void
tonic_patient_list_refresh (TonicPatientList *self)
{
  g_return_if_fail (TONIC_IS_PATIENT_LIST (self));

  /* A new query still being counted has no pages to read again. */
  if (self->counting && !self->refreshing)
    {
      start_count (self, FALSE);
      update_loading (self);
      return;
    }

  self->halted = FALSE;

  /* Oldest first, so the pages used last are read first (LIFO). */
  for (GList *l = self->lru.tail; l != NULL; l = l->prev)
    {
      Page *page = l->data;

      cancel_read (self, page);
      wait_for_read (self, page);
    }

  start_count (self, TRUE);
  dispatch_reads (self);

  set_error (self, NULL);
  update_loading (self);
}
