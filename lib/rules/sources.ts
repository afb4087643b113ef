/**
 * Bibliographic sources of the rules (docs/CLINICAL.md §0). Every rule names at least one of these;
 * the rule-set test fails on an unknown id.
 */
export interface Source {
  id: SourceId;
  citation: string;
  year: number;
  url: string;
}

export const SOURCE_IDS = [
  'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10', 'S11', 'S12', 'S13', 'S14',
  'S15', 'S16', 'S17', 'S18', 'S19', 'S20', 'S21', 'S22', 'S23', 'S24', 'S25', 'S26', 'S27', 'S28',
  // Added in knowledge base 1.1.
  'S29', 'S30', 'S31', 'S32', 'S33', 'S34', 'S35', 'S36', 'S37', 'S38', 'S39', 'S40', 'S41',
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export const SOURCES: Readonly<Record<SourceId, Source>> = {
  S1: { id: 'S1', year: 2025, citation: 'Winkelman JW et al. J Clin Sleep Med 2025 (AASM guideline)', url: 'https://pubmed.ncbi.nlm.nih.gov/39324694/' },
  S2: { id: 'S2', year: 2018, citation: 'Allen RP et al. IRLSSG iron treatment guideline. Sleep Med 2018;41:27-44', url: 'https://www.sciencedirect.com/science/article/pii/S1389945717315599' },
  S3: { id: 'S3', year: 2014, citation: 'Allen RP et al. IRLSSG consensus diagnostic criteria. Sleep Med 2014;15(8):860-873', url: 'https://doi.org/10.1016/j.sleep.2014.03.025' },
  S4: { id: 'S4', year: 2021, citation: 'Silber MH et al. The management of RLS: an updated algorithm. Mayo Clin Proc 2021;96(7):1921-1937', url: 'https://www.mayoclinicproceedings.org/article/S0025-6196(20)31489-0/fulltext' },
  S5: { id: 'S5', year: 2016, citation: 'Winkelman JW et al. AAN practice guideline summary: treatment of RLS in adults. Neurology 2016;87(24):2585-2593', url: 'http://n.neurology.org/content/87/24/2585.abstract' },
  S6: { id: 'S6', year: 2019, citation: 'Trotti LM, Becker LA. Iron for the treatment of RLS. Cochrane 2019;CD007834.pub3', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC6353229/' },
  S7: { id: 'S7', year: 2016, citation: 'Trenkwalder C et al. RLS associated with major diseases. Neurology 2016;86(14):1336-1343', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC4826337/' },
  S8: { id: 'S8', year: 2025, citation: 'ADA. Diagnosis and Classification of Diabetes: Standards of Care in Diabetes-2025. Diabetes Care 2025;48(Suppl 1):S27-S49', url: 'https://diabetesjournals.org/care/article/48/Supplement_1/S27/157566' },
  S9: { id: 'S9', year: 2024, citation: 'KDIGO 2024 Clinical Practice Guideline for the Evaluation and Management of CKD', url: 'https://kdigo.org/guidelines/ckd-evaluation-and-management/' },
  S10: { id: 'S10', year: 2021, citation: 'Inker LA et al. New creatinine- and cystatin C-based equations to estimate GFR without race. NEJM 2021;385:1737-1749', url: 'https://kidney.org/ckd-epi-creatinine-equation-2021' },
  S11: { id: 'S11', year: 2012, citation: 'KDIGO 2012 Clinical Practice Guideline for Anemia in CKD', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC8032930/' },
  S12: { id: 'S12', year: 2013, citation: 'Biondi B. The normal TSH reference range. J Clin Endocrinol Metab 2013;98:3584', url: 'https://doi.org/10.1210/jc.2013-2760' },
  S13: { id: 'S13', year: 2022, citation: 'Geng C et al. TSH and RLS. Front Neurol 2022;13:974229', url: 'https://www.pubmed.gov/36034269/' },
  S14: { id: 'S14', year: 2022, citation: 'Ning P et al. RLS in diabetes: meta-analysis. EClinicalMedicine 2022;46:101357', url: 'https://pubmed.ncbi.nlm.nih.gov/35345532/' },
  S15: { id: 'S15', year: 2018, citation: 'Kolla BP et al. Influence of antidepressants on RLS and PLM. Sleep Med Rev 2018;38:131-140', url: 'https://linkinghub.elsevier.com/retrieve/pii/S1087-0792(17)30124-7' },
  S16: { id: 'S16', year: 2012, citation: 'Perez-Lloret S et al. Drugs associated with RLS: French pharmacovigilance study. J Clin Psychopharmacol 2012;32:824-827', url: 'https://pubmed.ncbi.nlm.nih.gov/23131885/' },
  S17: { id: 'S17', year: 2010, citation: 'Prescrire Int 2010;19(108):164-165. Drug-induced restless legs syndrome', url: 'https://english.prescrire.org/en/81/168/46458/0/2010/ArchiveNewsDetails.aspx?page=2' },
  S18: { id: 'S18', year: 2022, citation: 'Geng C et al. Vitamin B12 deficiency and RLS. Clin Neurol Neurosurg 2022;223:107477', url: 'https://pubmed.ncbi.nlm.nih.gov/36401952/' },
  S19: { id: 'S19', year: 2017, citation: 'Dunietz GL et al. RLS in pregnancy. J Clin Sleep Med 2017;13:863-870', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC5482577' },
  S20: { id: 'S20', year: 2012, citation: 'Li Y et al. MS and RLS. Neurology 2012;78:1500; Ondo W et al. rheumatologic serologies in secondary RLS', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC3345617' },
  S21: { id: 'S21', year: 2020, citation: 'Ferritin assay comparison (Beckman vs Roche) in RLS patients, abstract', url: 'https://discovery.researcher.life/topic/rls-patients/26031926' },
  S22: { id: 'S22', year: 2024, citation: 'WHO 2024 haemoglobin cut-offs for anaemia; WHO 2020 ferritin guideline', url: 'https://www.who.int/publications/i/item/9789240088542' },
  S23: { id: 'S23', year: 2010, citation: 'IFCC HbA1c master equations (NGSP = 0.0915 × IFCC + 2.15)', url: 'https://information.ifcchba1c.org/sustainable-implementation/master-equations.aspx' },
  S24: { id: 'S24', year: 2026, citation: 'FDA. Clinical Decision Support Software: guidance, 2026-01-06', url: 'https://www.fda.gov/regulatory-information/search-fda-guidance-documents/clinical-decision-support-software' },
  S25: { id: 'S25', year: 2024, citation: 'HL7 CDS Hooks feedback (accepted / overridden, overrideReason)', url: 'https://build.fhir.org/ig/HL7/cds-hooks/en/StructureDefinition-CDSHooksFeedback.html' },
  S26: { id: 'S26', year: 2024, citation: 'Medscape. Restless legs syndrome workup', url: 'https://emedicine.medscape.com/article/1188327-workup' },
  S27: { id: 'S27', year: 2017, citation: 'Deng Y et al. IV iron sucrose for RLS in haemodialysis, RCT. Med Sci Monit 2017', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC5360424' },
  S28: { id: 'S28', year: 2018, citation: 'Dialysis RLS prevalence: Wali 2015; de Menezes 2018; Beladi-Mousavi 2015', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC5845496' },
  S29: { id: 'S29', year: 2018, citation: 'Auerbach M. IV iron in pregnancy (2nd and 3rd trimesters). Reprod Health 2018;15(Suppl 1):96', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC6020007' },
  S30: { id: 'S30', year: 2024, citation: 'Trimesters by completed weeks, ACOG convention (T1 to 13+6, T2 14+0 to 27+6, T3 from 28+0)', url: 'http://www.thebump.com/a/how-long-is-each-trimester' },
  S31: { id: 'S31', year: 2017, citation: 'Alexander EK et al. ATA 2017 guideline on thyroid disease in pregnancy. Thyroid 2017;27:315', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC6358369' },
  S32: { id: 'S32', year: 2018, citation: 'Persani L et al. 2018 ETA guideline: central hypothyroidism. Eur Thyroid J 2018;7:225', url: 'https://karger.com/etj/article/7/5/225/129033' },
  S33: { id: 'S33', year: 2018, citation: 'De Roeck Y et al. Biotin interference in thyroid immunoassays. Acta Clin Belg 2018; FDA safety communication 2017/2019', url: 'https://medluna.com/article/29098964' },
  S34: { id: 'S34', year: 2020, citation: 'Ko CW et al. AGA guideline: GI evaluation of iron deficiency anemia. Gastroenterology 2020;159:1085; BSG 2005/2021', url: 'https://gastro.org/clinical-guidance/gastrointestinal-evaluation-of-iron-deficiency-anemia' },
  S35: { id: 'S35', year: 2009, citation: 'England JD et al. AAN practice parameter: distal symmetric polyneuropathy. Neurology 2009;72:185', url: 'https://jesse.tg/ngc-archive/summary/6977' },
  S36: { id: 'S36', year: 2025, citation: 'KDIGO Anemia in CKD 2025 (draft); ERBP/NICE iron deficiency in CKD', url: 'http://kdigo.org/home/anemia-in-ckd/' },
  S37: { id: 'S37', year: 2018, citation: 'IRLSSG 2018 / Mayo 2021: initial IV iron only with ferritin ≤ 100 µg/L', url: 'https://clinmedjournals.org/articles/jsdm/journal-of-sleep-disorders-and-management-jsdm-8-039.php' },
  S38: { id: 'S38', year: 2019, citation: 'Wiles K et al. UK Renal Association pregnancy guideline. BMC Nephrol 2019;20:401', url: 'https://bmcnephrol.biomedcentral.com/articles/10.1186/s12882-019-1560-2/tables/2' },
  S39: { id: 'S39', year: 2014, citation: 'McCall WV. Asenapine-induced RLS. J Clin Sleep Med 2014;10:1341; CALDIR, Mov Disord 2007', url: 'https://www.pubmed.gov/25325577/' },
  S40: { id: 'S40', year: 2026, citation: 'openFDA NDC and label records of OTC sleep and cold products (Tylenol PM, Advil PM, Unisom, NyQuil, Coricidin HBP)', url: 'https://api.fda.gov/drug/ndc.json' },
  S41: { id: 'S41', year: 2025, citation: 'ADA 2025: periodic B12 on metformin; US PPI labels (cyanocobalamin deficiency)', url: 'https://wjgnet.com/1948-9358/tables/v16/i7/107514.htm' },
};

/** The sources of the given ids, in the order given, without duplicates (a shared, read-only list). */
const sourceLists = new WeakMap<readonly SourceId[], Source[]>();

export function sourcesFor(ids: readonly SourceId[]): Source[] {
  // Rules' id lists are static: resolve each once; callers treat the result as read-only.
  let list = sourceLists.get(ids);
  if (!list) sourceLists.set(ids, (list = [...new Set(ids)].map((id) => SOURCES[id])));
  return list;
}
