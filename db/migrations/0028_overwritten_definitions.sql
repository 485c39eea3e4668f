ALTER TABLE "revived_tools" RENAME TO "overwritten_definitions";--> statement-breakpoint
ALTER TABLE "overwritten_definitions" RENAME CONSTRAINT "revived_tools_pkey" TO "overwritten_definitions_pkey";--> statement-breakpoint
ALTER TABLE "overwritten_definitions" RENAME CONSTRAINT "revived_tools_tool_id_tools_id_fk" TO "overwritten_definitions_tool_id_tools_id_fk";
