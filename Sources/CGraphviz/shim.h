#include <graphviz/gvc.h>
#include <stdlib.h>

/* Thin wrappers so Swift 6 code never touches cgraph's mutable C globals (such as
 * `Agdirected`, which strict concurrency refuses) and never passes string literals where
 * cgraph wants `char *`. Every call must be serialised by the caller: Graphviz keeps global state. */

/// A new Graphviz context with the plugins listed in the installed config6a file.
static inline GVC_t *gx_context(void) { return gvContext(); }

/// Parses DOT text into a graph; NULL on a syntax error. Free with gx_close.
static inline Agraph_t *gx_read(const char *text) { return agmemread(text); }

/// An empty directed graph (not used for rendering, which reads DOT text; kept for tests).
static inline Agraph_t *gx_open_directed(const char *name) {
    return agopen((char *)name, Agdirected, NULL);
}

static inline int gx_close(Agraph_t *g) { return agclose(g); }

static inline int gx_layout(GVC_t *gvc, Agraph_t *g, const char *engine) { return gvLayout(gvc, g, engine); }

static inline int gx_free_layout(GVC_t *gvc, Agraph_t *g) { return gvFreeLayout(gvc, g); }

/// Renders a laid-out graph into a malloc'ed buffer; free it with gx_free_data.
static inline int gx_render(GVC_t *gvc, Agraph_t *g, const char *format, char **result, unsigned int *length) {
    return gvRenderData(gvc, g, format, result, length);
}

static inline void gx_free_data(char *data) { gvFreeRenderData(data); }

/// Routes every warning and error to `handler` (NULL restores printing on stderr).
static inline void gx_capture_errors(agusererrf handler) {
    agseterrf(handler);
    agseterr(AGWARN);
}

/// Highest error level seen since the last reset (0 warning, 1 error), and resets it.
static inline int gx_reset_errors(void) { return agreseterrors(); }

static inline int gx_errors(void) { return agerrors(); }

/// Reseeds the C library generators Graphviz draws from. sfdp honours its `start` seed for
/// rand() but also draws from drand48(), whose state otherwise carries over between layouts in
/// one process, so the same graph would come out differently each time.
static inline void gx_reseed(long seed) { srand((unsigned)seed); srand48(seed); }
