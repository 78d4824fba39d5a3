/**
 * Internals of the orchestrator: discovery, ordering, step preparation, planning, execution and
 * locks. Not exported by the module; nothing here is API.
 */
package dev.tern.migration.core.internal;
