/* SPDX-License-Identifier: MIT */
/*
 * Python conversions for bindings/pledge.i (included from it under
 * SWIGPYTHON; see its header for the patterns every language provides).
 *
 * The module is built with -builtin -threads: -builtin so the owned types
 * get their destructor without SWIG's proxy .py (the package's
 * __init__.py is the only Python layer), -threads so every wrapped call
 * releases the GIL around the C work. Typemaps run with the GIL held.
 *
 * Errors become the package's exceptions, which __init__.py registers with
 * core.py_register() before any call: pledge.ValidationError(diagnostics)
 * for invalid data, pledge.Error for the rest, OSError (with errno and the
 * file name) for unreadable files, MemoryError.
 */

%{
/* The package's classes, registered by pledge/__init__.py. */
static PyObject *pledge_py_error_class;
static PyObject *pledge_py_validation_error_class;
static PyObject *pledge_py_diagnostic_class;

/* Text of the library: UTF-8 (the readers refuse anything else), so
 * "replace" never triggers on real data but keeps a bad byte from turning
 * into an exception in the middle of a conversion. */
static PyObject *pledge_py_text(const char *s, size_t len)
{
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)len, "replace");
}

/* File names are bytes to the system: decode them as os.fsdecode does, so
 * that a name Python gave us comes back equal. */
static PyObject *pledge_py_filename(const char *s)
{
    return PyUnicode_DecodeFSDefault(s);
}

static PyObject *pledge_py_date(pledge_date d)
{
    if (d.precision == PLEDGE_DATE_NONE)
        Py_RETURN_NONE;
    return Py_BuildValue("(iiii)", d.year, d.month, d.day, (int)d.precision);
}

static PyObject *pledge_py_number(pledge_number n)
{
    if (n.is_integer)
        return PyLong_FromLongLong((long long)n.integer);
    return PyFloat_FromDouble(n.value);
}

static PyObject *pledge_py_diagnostic(const pledge_diag *d)
{
    PyObject *args = PyTuple_New(9), *item, *diag;
    int i;
    if (!args)
        return NULL;
    for (i = 0; i < 9; i++) {
        switch (i) {
        case 0: item = PyUnicode_FromString(pledge_severity_name(d->severity)); break;
        case 1: item = pledge_py_text(d->code, strlen(d->code)); break;
        case 2: item = pledge_py_text(d->message, strlen(d->message)); break;
        case 3: item = pledge_py_filename(d->file); break;
        case 4: item = PyLong_FromSize_t(d->document); break;
        case 5: item = PyLong_FromSize_t(d->line); break;
        case 6: item = PyLong_FromSize_t(d->column); break;
        case 7: item = pledge_py_text(d->instance_path, strlen(d->instance_path)); break;
        default: item = pledge_py_text(d->schema_path, strlen(d->schema_path)); break;
        }
        if (!item) {
            Py_DECREF(args);
            return NULL;
        }
        PyTuple_SET_ITEM(args, i, item);
    }
    if (!pledge_py_diagnostic_class) {
        Py_DECREF(args);
        PyErr_SetString(PyExc_RuntimeError, "pledge._core used before pledge registered its classes");
        return NULL;
    }
    diag = PyObject_Call(pledge_py_diagnostic_class, args, NULL);
    Py_DECREF(args);
    return diag;
}

static PyObject *pledge_py_diagnostics(const pledge_diag_list *list)
{
    size_t i, n = pledge_diag_list_count(list);
    PyObject *out = PyList_New((Py_ssize_t)n);
    if (!out)
        return NULL;
    for (i = 0; i < n; i++) {
        PyObject *d = pledge_py_diagnostic(pledge_diag_list_at(list, i));
        if (!d) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, (Py_ssize_t)i, d);
    }
    return out;
}

/* Raise the exception that a failed operation means; always returns NULL. */
static PyObject *pledge_py_raise(const pledge_sup_result *r)
{
    PyObject *diags, *exc;
    const pledge_diag *first = pledge_diag_list_at(r->diags, 0);
    switch (r->status) {
    case PLEDGE_ENOMEM:
        return PyErr_NoMemory();
    case PLEDGE_EIO: {
        /* The io.error diagnostic names the file; OSError wants errno and
         * the name, and picks FileNotFoundError & co. from errno itself. */
        PyObject *name = first ? pledge_py_filename(first->file) : NULL;
        errno = r->sys_errno ? r->sys_errno : EIO;
        PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, name);
        Py_XDECREF(name);
        return NULL;
    }
    case PLEDGE_EINVALID:
        if (!pledge_py_validation_error_class)
            break;
        diags = pledge_py_diagnostics(r->diags);
        if (!diags)
            return NULL;
        exc = PyObject_CallOneArg(pledge_py_validation_error_class, diags);
        Py_DECREF(diags);
        if (exc) {
            PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
            Py_DECREF(exc);
        }
        return NULL;
    case PLEDGE_EARG:
        PyErr_SetString(PyExc_ValueError, pledge_strerror(r->status));
        return NULL;
    default:
        break;
    }
    PyErr_SetString(pledge_py_error_class ? pledge_py_error_class : PyExc_RuntimeError,
                    first && first->severity == PLEDGE_SEVERITY_ERROR ? first->message
                                                                      : pledge_strerror(r->status));
    return NULL;
}

/* A successful operation as (documents, progress or schema or files or None,
 * text or None, diagnostics); the documents, progress and schema are taken
 * from the result and owned by their Python objects. */
static PyObject *pledge_py_result(pledge_sup_result *r)
{
    PyObject *docs = NULL, *obj = NULL, *text = NULL, *diags = NULL;
    size_t i;
    if (!r)
        return PyErr_NoMemory();
    if (r->status)
        return pledge_py_raise(r);
    docs = PyList_New((Py_ssize_t)r->doc_count);
    if (!docs)
        goto fail;
    for (i = 0; i < r->doc_count; i++) {
        pledge_doc *doc = pledge_sup_result_take_doc(r, i);
        PyObject *o = !doc ? Py_NewRef(Py_None) /* pledge_sup_read: an invalid one */
                           : SWIG_InternalNewPointerObj(SWIG_as_voidptr(doc), SWIGTYPE_p_pledge_doc,
                                                 SWIG_POINTER_OWN);
        if (!o) {
            pledge_doc_free(doc);
            goto fail;
        }
        PyList_SET_ITEM(docs, (Py_ssize_t)i, o);
    }
    if (r->progress) {
        pledge_progress *p = pledge_sup_result_take_progress(r);
        obj = SWIG_InternalNewPointerObj(SWIG_as_voidptr(p), SWIGTYPE_p_pledge_progress,
                                         SWIG_POINTER_OWN);
        if (!obj) {
            pledge_progress_free(p);
            goto fail;
        }
    } else if (r->schema) {
        pledge_schema *s = pledge_sup_result_take_schema(r);
        obj = SWIG_InternalNewPointerObj(SWIG_as_voidptr(s), SWIGTYPE_p_pledge_schema,
                                         SWIG_POINTER_OWN);
        if (!obj) {
            pledge_schema_free(s);
            goto fail;
        }
    } else if (r->file_names) {
        /* pledge_sup_read: [(name, documents, diagnostics)] in load order */
        obj = PyList_New((Py_ssize_t)r->file_count);
        for (i = 0; obj && i < r->file_count; i++) {
            PyObject *t = Py_BuildValue("(Nnn)", pledge_py_filename(r->file_names[i]),
                                        (Py_ssize_t)r->file_doc_counts[i],
                                        (Py_ssize_t)r->file_diag_counts[i]);
            if (!t)
                goto fail;
            PyList_SET_ITEM(obj, (Py_ssize_t)i, t);
        }
        if (!obj)
            goto fail;
    } else {
        obj = Py_NewRef(Py_None);
    }
    text = r->text ? pledge_py_text(r->text, r->text_len) : Py_NewRef(Py_None);
    if (!text)
        goto fail;
    diags = pledge_py_diagnostics(r->diags);
    if (!diags)
        goto fail;
    return Py_BuildValue("(NNNN)", docs, obj, text, diags);
fail:
    Py_XDECREF(docs);
    Py_XDECREF(obj);
    Py_XDECREF(text);
    Py_XDECREF(diags);
    return NULL;
}

/* ---- a tree into dict / list / str / int / float / bool / None ---------- */

typedef struct pledge_py_builder {
    PyObject *root;       /* the value built (owned) */
    PyObject **open;      /* open containers, innermost last (borrowed) */
    PyObject **keys;      /* the pending key of each open mapping (owned) */
    size_t depth, cap;
} pledge_py_builder;

/* Put @p value (a new reference, consumed) where the walk stands. */
static int pledge_py_attach(pledge_py_builder *b, PyObject *value)
{
    PyObject *parent;
    int rc;
    if (!value)
        return -1;
    if (b->depth == 0) {
        b->root = value;
        return 0;
    }
    parent = b->open[b->depth - 1];
    if (PyList_Check(parent)) {
        rc = PyList_Append(parent, value);
    } else {
        rc = PyDict_SetItem(parent, b->keys[b->depth - 1], value);
        Py_CLEAR(b->keys[b->depth - 1]);
    }
    Py_DECREF(value);
    return rc;
}

static int pledge_py_on_scalar(void *ud, const pledge_node *node)
{
    PyObject *v;
    switch (pledge_node_type_of(node)) {
    case PLEDGE_NODE_BOOL:
        v = PyBool_FromLong(pledge_node_bool(node));
        break;
    case PLEDGE_NODE_INT: {
        int64_t i;
        if (pledge_node_int64(node, &i) == PLEDGE_OK) {
            v = PyLong_FromLongLong((long long)i);
        } else {
            /* beyond int64: Python's int takes the exact decimal text */
            const char *digits = pledge_node_int_text(node, NULL);
            v = digits ? PyLong_FromString(digits, NULL, 10) : NULL;
            if (!digits)
                PyErr_SetString(PyExc_ValueError, "integer without text");
        }
        break;
    }
    case PLEDGE_NODE_FLOAT:
        v = PyFloat_FromDouble(pledge_node_number(node));
        break;
    case PLEDGE_NODE_STRING: {
        size_t len = 0;
        const char *s = pledge_node_string(node, &len);
        v = pledge_py_text(s ? s : "", len);
        break;
    }
    default:
        v = Py_NewRef(Py_None);
        break;
    }
    return pledge_py_attach((pledge_py_builder *)ud, v);
}

static int pledge_py_on_open(void *ud, const pledge_node *node, size_t size)
{
    pledge_py_builder *b = ud;
    PyObject *c = pledge_node_type_of(node) == PLEDGE_NODE_MAPPING ? PyDict_New()
                                                                   : PyList_New(0);
    (void)size;
    if (!c)
        return -1;
    if (b->depth == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 32;
        PyObject **open = PyMem_Realloc(b->open, cap * sizeof *open);
        PyObject **keys;
        if (!open) {
            Py_DECREF(c);
            PyErr_NoMemory();
            return -1;
        }
        b->open = open;
        keys = PyMem_Realloc(b->keys, cap * sizeof *keys);
        if (!keys) {
            Py_DECREF(c);
            PyErr_NoMemory();
            return -1;
        }
        b->keys = keys;
        b->cap = cap;
    }
    /* Attached first, so its parent (or root) owns it while it fills. */
    if (pledge_py_attach(b, Py_NewRef(c)) != 0) {
        Py_DECREF(c);
        return -1;
    }
    b->open[b->depth] = c;
    b->keys[b->depth] = NULL;
    b->depth++;
    Py_DECREF(c);
    return 0;
}

static int pledge_py_on_key(void *ud, const pledge_node *key)
{
    pledge_py_builder *b = ud;
    size_t len = 0;
    const char *s = pledge_node_string(key, &len);
    PyObject *k = pledge_py_text(s ? s : "", len);
    if (!k)
        return -1;
    Py_XSETREF(b->keys[b->depth - 1], k);
    return 0;
}

static int pledge_py_on_close(void *ud, const pledge_node *node)
{
    pledge_py_builder *b = ud;
    (void)node;
    b->depth--;
    Py_CLEAR(b->keys[b->depth]);
    return 0;
}

static PyObject *pledge_py_node(const pledge_node *node)
{
    static const pledge_sup_walk_ops ops = {
        pledge_py_on_scalar, pledge_py_on_open, pledge_py_on_key, pledge_py_on_close
    };
    pledge_py_builder b = {NULL, NULL, NULL, 0, 0};
    int rc;
    size_t i;
    if (!node)
        Py_RETURN_NONE;
    rc = pledge_sup_walk(node, &ops, &b);
    for (i = 0; i < b.depth; i++) /* left open when a callback failed */
        Py_XDECREF(b.keys[i]);
    PyMem_Free(b.open);
    PyMem_Free(b.keys);
    if (rc != 0) {
        Py_XDECREF(b.root);
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        return NULL;
    }
    return b.root;
}

/* A str, bytes or os.PathLike as file-system bytes (the reference is kept
 * in *holder until freearg). */
static int pledge_py_fspath(PyObject *obj, PyObject **holder, const char **out)
{
    if (!PyUnicode_FSConverter(obj, holder))
        return -1;
    *out = PyBytes_AS_STRING(*holder);
    return 0;
}
%}

/* ---- registration of the package's classes -------------------------------- */
%nothread pledge_py_register;
%inline %{
/* Called once by pledge/__init__.py with its Error, ValidationError and
 * Diagnostic classes: the typemaps raise and build those. */
static void pledge_py_register(PyObject *error, PyObject *validation_error,
                               PyObject *diagnostic)
{
    Py_XSETREF(pledge_py_error_class, Py_NewRef(error));
    Py_XSETREF(pledge_py_validation_error_class, Py_NewRef(validation_error));
    Py_XSETREF(pledge_py_diagnostic_class, Py_NewRef(diagnostic));
}
%}

/* ---- strings with a length ----------------------------------------------- */
%typemap(in, numinputs=0) size_t *len (size_t len_tmp = 0) {
    $1 = &len_tmp;
}
/* The accessor returned the string (NULL: absent) and its length. */
%typemap(argout) size_t *len {
    Py_XDECREF($result);
    if (result) {
        $result = pledge_py_text(result, *$1);
        if (!$result)
            SWIG_fail;
    } else {
        $result = Py_NewRef(Py_None);
    }
}

/* ---- value structs ------------------------------------------------------------ */
/* (year, month, day, precision) with 0 for parts not given; None for none */
%typemap(out) pledge_date {
    $result = pledge_py_date($1);
    if (!$result)
        SWIG_fail;
}
%typemap(out) pledge_number {
    $result = pledge_py_number($1);
    if (!$result)
        SWIG_fail;
}

%typemap(in, numinputs=0) pledge_observation *out (pledge_observation obs_tmp) {
    memset(&obs_tmp, 0, sizeof obs_tmp);
    $1 = &obs_tmp;
}
/* (date, value or None, report index) or None when there is none */
%typemap(argout) pledge_observation *out {
    Py_XDECREF($result);
    if (result == 0) {
        PyObject *date = pledge_py_date($1->date);
        PyObject *value = $1->has_value ? pledge_py_number($1->value) : Py_NewRef(Py_None);
        PyObject *report = PyLong_FromSize_t($1->report);
        if (!date || !value || !report) {
            Py_XDECREF(date);
            Py_XDECREF(value);
            Py_XDECREF(report);
            SWIG_fail;
        }
        $result = Py_BuildValue("(NNN)", date, value, report);
        if (!$result)
            SWIG_fail;
    } else {
        $result = Py_NewRef(Py_None);
    }
}

%typemap(in, numinputs=0) double *out (double dbl_tmp = 0) {
    $1 = &dbl_tmp;
}
%typemap(argout) double *out {
    Py_XDECREF($result);
    $result = result == 0 ? PyFloat_FromDouble(*$1) : Py_NewRef(Py_None);
    if (!$result)
        SWIG_fail;
}

/* ---- arguments ------------------------------------------------------------------ */
/* Text to load: str (as UTF-8) or bytes, read in place while the call runs
 * (the argument tuple keeps the object alive with the GIL released). */
%typemap(in) (const char *data, size_t len) {
    Py_ssize_t size = 0;
    if (PyUnicode_Check($input)) {
        $1 = (char *)PyUnicode_AsUTF8AndSize($input, &size);
        if (!$1)
            SWIG_fail;
    } else if (PyBytes_Check($input)) {
        char *bytes = NULL;
        if (PyBytes_AsStringAndSize($input, &bytes, &size) < 0)
            SWIG_fail;
        $1 = bytes;
    } else {
        PyErr_Format(PyExc_TypeError, "expected str or bytes, not %.100s",
                     Py_TYPE($input)->tp_name);
        SWIG_fail;
    }
    $2 = (size_t)size;
}
%typemap(typecheck) (const char *data, size_t len) {
    $1 = PyUnicode_Check($input) || PyBytes_Check($input);
}

%typemap(in) const char *path (PyObject *path_holder = NULL, const char *path_bytes = NULL) {
    if (pledge_py_fspath($input, &path_holder, &path_bytes) != 0)
        SWIG_fail;
    $1 = ($1_ltype)path_bytes;
}
%typemap(freearg) const char *path {
    Py_XDECREF(path_holder$argnum);
}

/* A source name (a str; None for the default): NUL cannot be in a C string,
 * so a name holding one is refused as open() refuses such a path, rather
 * than cut short silently. */
%typemap(in) const char *name (PyObject *name_bytes = NULL) {
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        if (!PyUnicode_Check($input)) {
            PyErr_Format(PyExc_TypeError, "a name must be a str, not %.100s",
                         Py_TYPE($input)->tp_name);
            SWIG_fail;
        }
        name_bytes = PyUnicode_AsUTF8String($input);
        if (!name_bytes)
            SWIG_fail;
        if (strlen(PyBytes_AS_STRING(name_bytes)) != (size_t)PyBytes_GET_SIZE(name_bytes)) {
            PyErr_SetString(PyExc_ValueError, "embedded null byte");
            SWIG_fail;
        }
        $1 = PyBytes_AS_STRING(name_bytes);
    }
}
%typemap(freearg) const char *name {
    Py_XDECREF(name_bytes$argnum);
}

/* A sequence of str / bytes / os.PathLike (paths, or URI-folder pairs). */
%typemap(in) (const char *const *list, size_t list_count)
             (PyObject *list_holder = NULL, const char **list_items = NULL) {
    Py_ssize_t i, n;
    PyObject *seq = PySequence_Fast($input, "expected a sequence of paths");
    if (!seq)
        SWIG_fail;
    n = PySequence_Fast_GET_SIZE(seq);
    list_holder = PyList_New(n);
    list_items = PyMem_Calloc((size_t)n + 1, sizeof *list_items);
    if (!list_holder || !list_items) {
        Py_DECREF(seq);
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        SWIG_fail;
    }
    for (i = 0; i < n; i++) {
        PyObject *bytes = NULL;
        if (!PyUnicode_FSConverter(PySequence_Fast_GET_ITEM(seq, i), &bytes)) {
            Py_DECREF(seq);
            SWIG_fail;
        }
        PyList_SET_ITEM(list_holder, i, bytes);
        list_items[i] = PyBytes_AS_STRING(bytes);
    }
    Py_DECREF(seq);
    $1 = ($1_ltype)list_items;
    $2 = (size_t)n;
}
%typemap(freearg) (const char *const *list, size_t list_count) {
    PyMem_Free((void *)list_items$argnum);
    Py_XDECREF(list_holder$argnum);
}

/* A sequence of documents (the wrapped pledge_doc objects); the sequence
 * (a new list for an iterator) is held until freearg, so that the objects
 * outlive the call. */
%typemap(in) (const pledge_doc *const *docs, size_t doc_count)
             (PyObject *doc_seq = NULL, const pledge_doc **doc_items = NULL) {
    Py_ssize_t i, n;
    doc_seq = PySequence_Fast($input, "expected a sequence of documents");
    if (!doc_seq)
        SWIG_fail;
    n = PySequence_Fast_GET_SIZE(doc_seq);
    doc_items = PyMem_Calloc((size_t)n + 1, sizeof *doc_items);
    if (!doc_items) {
        PyErr_NoMemory();
        SWIG_fail;
    }
    for (i = 0; i < n; i++) {
        void *p = NULL;
        if (!SWIG_IsOK(SWIG_ConvertPtr(PySequence_Fast_GET_ITEM(doc_seq, i), &p,
                                       $descriptor(pledge_doc *), 0))) {
            PyErr_SetString(PyExc_TypeError, "expected a sequence of documents");
            SWIG_fail;
        }
        doc_items[i] = p;
    }
    $1 = ($1_ltype)doc_items;
    $2 = (size_t)n;
}
%typemap(freearg) (const pledge_doc *const *docs, size_t doc_count) {
    PyMem_Free((void *)doc_items$argnum);
    Py_XDECREF(doc_seq$argnum);
}

/* ---- results ---------------------------------------------------------------------- */
/* The tree of a document, converted whole (it is borrowed from the doc). */
%typemap(out) const pledge_node * {
    $result = pledge_py_node($1);
}

/* A NULL $result with the error set falls through "newfree" (which frees
 * the result) to the wrapper's return: SWIG_fail would skip the free. */
%typemap(out) pledge_sup_result * {
    $result = pledge_py_result($1);
}
%typemap(newfree) pledge_sup_result * {
    pledge_sup_result_free($1);
}
