/*
 * chunks.h - Lua source compiled once per process.
 *
 * Every plugin runs in a Lua state of its own, so each render compiles the
 * built-in method again (about 4% of a render), and a module required by
 * two plugins is compiled twice.  This cache keeps the bytecode of every
 * chunk compiled, keyed by chunk name *and* the exact source bytes: a file
 * that changed is a different key, so the cache can never serve stale code.
 * A hit loads the bytecode with luaL_loadbufferx(..., "b"); bytecode never
 * comes from outside the process (plugin files that are bytecode are still
 * refused by the sandbox), only from lua_dump of source compiled here.
 *
 * `waymark batch` fills the cache before it forks its workers
 * (wm_chunks_warm_dir), so each worker starts with the method compiled.
 *
 * The cache is process-wide and not thread-safe (Waymark renders in one
 * thread per process); it holds at most WM_CHUNKS_MAX_BYTES of source and
 * bytecode, after which chunks are compiled as if there were no cache.
 * Memory is released by wm_chunks_clear (or at exit).
 */
#ifndef WM_PLAN_CHUNKS_H
#define WM_PLAN_CHUNKS_H

#include <stddef.h>

#include <lua.h>

#define WM_CHUNKS_MAX_BYTES ((size_t)32 * 1024 * 1024)

/* Push the function compiled from Lua source src[0..len) (text only) named
 * `chunkname`, as luaL_loadbufferx(L, src, len, chunkname, "t") does, and
 * return its status (LUA_OK, or an error message pushed instead). */
int wm_chunk_load(lua_State *L, const char *src, size_t len, const char *chunkname);

/* Compile every *.lua file under `dir` (sub-folders included, to a few
 * levels) into the cache, under the chunk name the sandbox gives it
 * ("@" and the path as dir/...).  Files that do not compile are skipped:
 * the render that loads them reports the error.  Returns how many were
 * compiled. */
size_t wm_chunks_warm_dir(const char *dir);

/* Forget every cached chunk. */
void wm_chunks_clear(void);

#endif /* WM_PLAN_CHUNKS_H */
