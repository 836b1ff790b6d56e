/** Saved operations the playground opens with, one tab per user group (DESIGN.md: Users). */
export const PLAYGROUND_TABS = [
  {
    title: 'Explore the region',
    query: `# Explore the region: the cooperation, its partners and the municipalities of Kreis Borken.
query ExploreTheRegion {
  project(slug: "informelle-regionalentwicklung-im-muensterland") {
    title
    cooperatingSince
    lead { name kind ags population { value referenceDate source } areaKm2 }
    participants { role organization { name kind } }
    resources { title kind }
  }
  organizations(filter: { parentAgs: "05554" }, first: 50) {
    totalCount
    edges { node { name ags population { value referenceDate } } }
  }
}
`,
  },
  {
    title: 'Partner app: my projects',
    query: `# Partner app: fetch the projects your organization leads, then update one.
# 1. Create a token: npm run -s token -- --org kreis-borken --role editor
# 2. Put it into the Headers tab below: { "Authorization": "Bearer <token>" }
query MyProjects($slug: String!) {
  organization(slug: $slug) {
    name
    projects { id slug title version updatedAt }
    participations { role project { slug title } }
  }
}

mutation RenameProject($id: ID!, $version: Int!, $title: String!) {
  updateProject(input: { id: $id, version: $version, title: $title }) {
    project { id version title }
  }
}
`,
    variables: '{\n  "slug": "kreis-borken"\n}',
    headers: '{\n  "Authorization": "Bearer <paste the token of npm run token here>"\n}',
  },
  {
    title: 'Analyst: coverage, statistics, search',
    query: `# Analysts: which municipalities take part in LEADER, figures by topic and Kreis, German search.
# The coverage as a map: open mapUrl (/maps/coverage/leader.svg, or .png) in the browser.
# Spreadsheets: /export/projects.xlsx?topicKeys=leader (German headers, AGS as text).
query Coverage {
  topicCoverage(topicKey: "leader") {
    municipalityShare
    populationShare
    populationReferenceDate
    uncoveredMunicipalities { name ags }
    mapUrl
  }
}

query Statistics {
  projectStatistics {
    byTopic { topic { key } count }
    byStatus { status count }
    byDistrict { district { ags name } count inhabitantsPerKm2 projectsPer100000Inhabitants populationReferenceDate }
    fundingBySource { source amountEur count withoutAmount }
    byOrganization(first: 10) { organization { name } projectsLed projectsJoined }
  }
}

query Search {
  projects(filter: { text: "Kooperationen" }, first: 10) {
    totalCount
    edges { node { slug title } }
  }
}
`,
  },
];
