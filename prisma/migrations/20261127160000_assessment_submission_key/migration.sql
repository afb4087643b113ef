-- AlterTable
ALTER TABLE "assessments" ADD COLUMN "submission_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "assessments_author_id_submission_key_key" ON "assessments"("author_id", "submission_key");
