/**
 * Saved operations the playground opens with, one tab per user group (DESIGN.md: Users). Every
 * line fits the editor's width in a 1400-pixel window (56 characters; test/playground.test.ts),
 * and the texts are trusted documents (gateway/trusted-documents.ts), so the playground keeps
 * working on a gateway that only runs registered operations (`PERSISTED_ONLY=true`).
 */
export const PLAYGROUND_LINE_WIDTH = 56;

export const PLAYGROUND_TABS = [
  {
    title: 'Explore the region',
    query: `# Explore the region: the cooperation, its partners and
# the municipalities of Kreis Borken.
# Press the Run button (or Ctrl-Enter); open the
# Docs on the left to browse the schema.
query ExploreTheRegion {
  project(slug:
    "informelle-regionalentwicklung-im-muensterland") {
    title
    cooperatingSince
    lead {
      name
      kind
      ags
      population { value referenceDate source }
      areaKm2
    }
    participants { role organization { name kind } }
    resources { title kind }
  }
  organizations(
    filter: { parentAgs: "05554" }
    first: 50
  ) {
    totalCount
    edges {
      node {
        name
        ags
        population { value referenceDate }
      }
    }
  }
}
`,
  },
  {
    title: 'Partner app: my projects',
    query: `# Partner app: the projects of your organization.
# Reading needs no token. To write, create a token in a
# terminal in the repository:
#   npm run -s token -- --org kreis-borken --role editor
# then open the Headers tab below and paste
#   { "Authorization": "Bearer <the token>" }
# Run MyProjects; copy a project's id and version into
# the Variables tab to run RenameProject.
query MyProjects($slug: String!) {
  organization(slug: $slug) {
    name
    projects { id slug title version updatedAt }
    participations { role project { slug title } }
  }
}

mutation RenameProject(
  $id: ID!
  $version: Int!
  $title: String!
) {
  updateProject(
    input: { id: $id, version: $version, title: $title }
  ) {
    project { id version title updatedBy }
  }
}
`,
    variables: '{\n  "slug": "kreis-borken"\n}',
  },
  {
    title: 'Analyst: coverage, statistics, search',
    query: `# Analysts: who takes part in LEADER, figures by
# topic and Kreis, German full-text search.
# The coverage as a map: open mapUrl
# (/maps/coverage/leader.svg, or .png).
# Spreadsheets: /export/projects.xlsx?topicKeys=leader
# Put the cursor into an operation and press
# Ctrl-Enter to run it.
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
    byDistrict {
      district { name } count inhabitantsPerKm2
      projectsPer100000Inhabitants
      populationReferenceDate
    }
    fundingBySource { source amountEur withoutAmount }
    byOrganization(first: 5) {
      organization { name } projectsLed projectsJoined
    }
  }
}

query Search {
  projects(
    filter: { text: "Kooperationen" }
    first: 10
  ) {
    totalCount
    edges { node { slug title } }
  }
}
`,
  },
] as const satisfies readonly { title: string; query: string; variables?: string }[];
