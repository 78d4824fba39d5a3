package dev.tern.migration.core;
