"""What the demo account's jobs say: invented companies and roles, with the parts of a
posting's description (see applications.demo)."""

from dataclasses import dataclass

from boards.models import Remote


@dataclass(frozen=True)
class Company:
    name: str
    domain: str
    location: str
    remote: str
    currency: str
    pay: float  # multiplier on a role's base salary
    about: str
    process: str


@dataclass(frozen=True)
class Role:
    title: str
    base: int  # yearly salary, bottom of the range, in the company's currency before `pay`
    years: int
    intro: str
    duties: tuple[str, ...]
    needs: tuple[str, ...]
    close: bool = False  # near the demo person's background: these get furthest in the pipeline


COMPANIES = [
    Company("Northwind Analytics", "northwind.example", "Berlin, Germany", Remote.HYBRID, "EUR",
            1.0,
            "Northwind Analytics turns the sensor data of 4,000 wind turbines into maintenance "
            "plans. We are 120 people, profitable since 2021, with offices in Berlin and Aarhus.",
            "A 30-minute call with our recruiter, a take-home exercise (about three hours, paid), "
            "then a half-day with the team you would join."),
    Company("Bluefin Robotics", "bluefin.example", "Remote (EU)", Remote.REMOTE, "EUR", 1.05,
            "Bluefin Robotics builds underwater inspection drones for offshore infrastructure. "
            "Our fleet software runs on the drones, on the ships and in the cloud.",
            "An intro call, a pairing session on a real bug, and a conversation with two "
            "future colleagues. We answer every application within ten days."),
    Company("Copperleaf Health", "copperleaf.example", "Amsterdam, Netherlands", Remote.HYBRID,
            "EUR", 1.15,
            "Copperleaf Health schedules 2 million clinic appointments a month across the "
            "Netherlands and Belgium. Our patients never see us, and that is the point.",
            "Recruiter call, technical interview on system design, and a values interview "
            "with our CTO."),
    Company("Lumen Freight", "lumenfreight.example", "Hamburg, Germany", Remote.ONSITE, "EUR", 0.95,
            "Lumen Freight matches half-empty trucks with freight that needs moving. Every "
            "match saves about 200 km of empty driving.",
            "One call, one on-site day in Hamburg (we pay the travel), a decision within a week."),
    Company("Quillstone Software", "quillstone.example", "Remote (worldwide)", Remote.REMOTE, "EUR",
            0.9,
            "Quillstone makes invoicing software for 30,000 freelancers. We are a small, fully "
            "remote team of 24 across eleven time zones.",
            "An asynchronous written exercise, then two video calls. No whiteboard puzzles."),
    Company("Harbor & Pike", "harborpike.example", "London, United Kingdom", Remote.HYBRID, "GBP",
            0.95,
            "Harbor & Pike runs the booking platform behind 900 independent restaurants in the UK "
            "and Ireland.",
            "A recruiter chat, a live troubleshooting exercise and a meeting with the team lead."),
    Company("Verdant Energy", "verdant.example", "Munich, Germany", Remote.HYBRID, "EUR", 1.1,
            "Verdant Energy lets households share the output of rooftop solar with their "
            "neighbours. 60,000 homes are on the grid today.",
            "Three conversations over two weeks: the hiring manager, the team, and our founders."),
    Company("Orbital Payments", "orbital.example", "Dublin, Ireland", Remote.HYBRID, "EUR", 1.2,
            "Orbital Payments settles card payments for marketplaces in 14 currencies. "
            "We move €3 billion a year and our uptime is 99.99%.",
            "Recruiter call, coding interview, system design interview and a final with the VP."),
    Company("Saltmarsh Games", "saltmarsh.example", "Stockholm, Sweden", Remote.ONSITE, "SEK", 11.0,
            "Saltmarsh Games makes cosy multiplayer games played by 3 million people a month.",
            "A call, a small coding test and a studio visit."),
    Company("Tidewater Labs", "tidewater.example", "Paris, France", Remote.HYBRID, "EUR", 1.0,
            "Tidewater Labs forecasts coastal flooding for insurers and city planners from "
            "satellite and tide-gauge data.",
            "Two technical interviews and a lunch with the team."),
    Company("Kestrel Security", "kestrel.example", "Remote (Europe)", Remote.REMOTE, "EUR", 1.1,
            "Kestrel Security scans 40,000 companies' cloud accounts for misconfigurations "
            "every night.",
            "A call, a take-home threat model, and a review of it with two engineers."),
    Company("Maple & Finch", "maplefinch.example", "Zurich, Switzerland", Remote.HYBRID, "CHF",
            1.45,
            "Maple & Finch is a private bank's in-house software studio: 40 engineers building "
            "the apps 200,000 clients use.",
            "Four interviews, including one with a product owner from the business side."),
    Company("Fernhill Mobility", "fernhill.example", "Berlin, Germany", Remote.ONSITE, "EUR", 0.95,
            "Fernhill Mobility runs e-scooter and cargo-bike sharing in nine German cities.",
            "A call and one interview day at our Kreuzberg office."),
    Company("Gullwing Cloud", "gullwing.example", "Remote (EU)", Remote.REMOTE, "EUR", 1.1,
            "Gullwing Cloud hosts Python and Go applications for 8,000 teams who would rather "
            "not run Kubernetes themselves.",
            "An intro call, a pull-request review exercise and a chat with the founders."),
]  # fmt: skip

ROLES = [
    Role("Senior Backend Engineer", 72000, 5,
         "You will own the services behind our customer-facing product, from the database "
         "schema to the API, and help decide what we build next.",
         ("Design and build REST APIs in Python and Django", "Keep PostgreSQL fast as our "
          "data grows tenfold", "Review code and mentor two mid-level engineers",
          "Share the on-call rotation (one week in six)"),
         ("Python", "Django", "PostgreSQL", "REST APIs", "Docker", "Celery"), close=True),
    Role("Platform Engineer", 70000, 4,
         "You will build the paved road our product teams deploy on: clusters, pipelines, "
         "observability and the tools that make them boring.",
         ("Run our Kubernetes clusters on AWS with Terraform", "Build CI/CD pipelines that "
          "deploy in minutes", "Improve alerting with Prometheus and Grafana",
          "Write internal tools in Go and Python"),
         ("Kubernetes", "Terraform", "AWS", "Go", "Prometheus", "Linux"), close=True),
    Role("Staff Software Engineer", 95000, 8,
         "You will set the technical direction for two teams and write the hard parts "
         "yourself.",
         ("Lead the design of our event-driven architecture on Kafka", "Untangle a "
          "monolith into a few well-chosen services", "Coach senior engineers",
          "Write the design documents others build on"),
         ("Python", "distributed systems", "Kafka", "PostgreSQL", "system design")),
    Role("Data Engineer", 64000, 3,
         "You will build the pipelines that turn raw events into the numbers our teams and "
         "customers rely on.",
         ("Build batch and streaming pipelines with Airflow and Spark", "Model data with dbt",
          "Keep our Snowflake warehouse tidy and cheap", "Work with analysts on data quality"),
         ("Python", "SQL", "Airflow", "dbt", "Spark", "Snowflake")),
    Role("Python Developer", 55000, 2,
         "You will build features end to end in a small team that ships every day.",
         ("Build API endpoints with FastAPI", "Write tests with pytest", "Improve our "
          "PostgreSQL queries", "Talk to customers about what they need"),
         ("Python", "FastAPI", "PostgreSQL", "pytest", "Git"), close=True),
    Role("Site Reliability Engineer", 70000, 4,
         "You will keep the platform up and make incidents rarer, shorter and less scary.",
         ("Own SLOs and error budgets with the product teams", "Automate toil away",
          "Lead incident reviews", "Tune Linux, networking and Kubernetes"),
         ("Linux", "Kubernetes", "Prometheus", "Terraform", "Python", "incident response"),
         close=True),
    Role("Engineering Manager, Platform", 95000, 7,
         "You will lead a team of six platform engineers and grow it to ten.",
         ("Hire, coach and support your team", "Plan the roadmap with product and security",
          "Keep delivery steady and sustainable", "Stay close enough to the code to review "
          "designs"),
         ("people management", "hiring", "Kubernetes", "AWS", "agile")),
    Role("Backend Engineer, Payments", 70000, 4,
         "You will build the ledger and payout services that move our customers' money.",
         ("Build services in Java and Kotlin with Spring Boot", "Design idempotent APIs",
          "Work with Kafka and PostgreSQL", "Reconcile with banks and card schemes"),
         ("Java", "Kotlin", "Spring Boot", "Kafka", "PostgreSQL")),
    Role("Backend Engineer (C#)", 60000, 3,
         "You will build the game servers and matchmaking behind our multiplayer titles.",
         ("Write game services in C# and .NET", "Run them on Azure", "Profile and optimise "
          "hot paths", "Work closely with game designers"),
         ("C#", ".NET", "Azure", "SQL Server")),
    Role("Machine Learning Engineer", 68000, 3,
         "You will take our models from notebooks to production and keep them honest.",
         ("Train and serve models with PyTorch", "Build feature pipelines", "Monitor model "
          "drift", "Run experiments with researchers"),
         ("Python", "PyTorch", "MLOps", "Kubernetes", "SQL")),
    Role("Frontend Engineer", 58000, 3,
         "You will build the web app our riders and operators use every day.",
         ("Build UI in TypeScript and React", "Own our design system", "Make pages fast on "
          "cheap phones", "Work with designers and backend engineers"),
         ("TypeScript", "React", "CSS", "GraphQL")),
    Role("Security Engineer", 75000, 5,
         "You will find the weaknesses in our product before anyone else does.",
         ("Threat-model new features", "Build detection rules and tooling in Go and Rust",
          "Run our bug bounty", "Harden our AWS accounts"),
         ("Go", "Rust", "AWS", "threat modelling", "Linux")),
    Role("Senior Python Engineer, Developer Tools", 74000, 5,
         "You will build the command-line tools and SDKs our customers deploy with.",
         ("Build and maintain our Python SDK and CLI", "Write clear documentation",
          "Talk to developers about their workflow", "Contribute to open source we depend on"),
         ("Python", "Docker", "Kubernetes", "PostgreSQL", "open source"), close=True),
    Role("Senior Django Developer", 70000, 5,
         "You will build the client portal in Django and keep it secure and pleasant to use.",
         ("Build features in Django and htmx", "Keep PostgreSQL and Redis well tuned",
          "Write tests first", "Work with designers and compliance"),
         ("Python", "Django", "PostgreSQL", "Redis", "htmx"), close=True),
]  # fmt: skip

OFFERS = (
    "Flexible hours and a four-day week option after a year",
    "€1,500 learning budget and two conference days",
    "30 days of paid holiday",
    "A good laptop of your choice and a home-office budget",
    "Public transport pass or bike leasing",
    "Parental leave above the legal minimum",
)
TEAMS = (
    "You would join a team of {n} engineers and a product manager. We deploy about ten times "
    "a day, review every change, and keep meetings to two mornings a week.",
    "The team is {n} people across three countries. We work asynchronously by default, write a "
    "short design note before anything big, and rotate support duty weekly.",
    "You would work with {n} engineers who care about tests, clear code and calm on-call. Most "
    "of our work starts from a conversation with a customer.",
)
