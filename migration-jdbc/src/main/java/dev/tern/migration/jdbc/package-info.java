package dev.tern.migration.jdbc;
