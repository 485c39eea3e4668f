-- The updated_since a page's source named for its next poll (an mcp-catalog feed's nextUpdatedSince), kept apart from
-- its records' highest updatedAt: a 304 of the page names it again, and a crawl's last page sets the next watermark.
ALTER TABLE "source_pages" ADD COLUMN "next_updated_since" text;
