-- CreateTable
CREATE TABLE "cds_feedback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisation_id" TEXT NOT NULL,
    "card_id" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "accepted_suggestions" TEXT,
    "reason_system" TEXT,
    "reason_code" TEXT,
    "reason_display" TEXT,
    "comment" TEXT,
    "outcome_at" DATETIME NOT NULL,
    "received_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cds_feedback_card_id_fkey" FOREIGN KEY ("card_id") REFERENCES "cds_cards" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "cds_feedback_organisation_id_outcome_at_idx" ON "cds_feedback"("organisation_id", "outcome_at");

-- CreateIndex
CREATE INDEX "cds_feedback_card_id_idx" ON "cds_feedback"("card_id");
