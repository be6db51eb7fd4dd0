"""Word lists the seed draws from: people's names, departments, places, group names."""

from __future__ import annotations

FIRST_NAMES = (
    "Aaron Abigail Adele Adrian Aisha Alan Alex Alexandra Alice Alma Amara Amelia Ana Andre "
    "Andrea Angela Anil Anna Anton Arjun Astrid Aurora Beatriz Ben Bianca Blake Bruno Camila "
    "Carla Carlos Caroline Catalina Cheng Chloe Chris Christian Clara Connor Dana Daniel Daria "
    "David Deepa Diana Diego Dmitri Elena Eli Elif Elijah Elizabeth Ella Emeka Emil Emily Emma "
    "Eric Erik Esther Ethan Eva Fatima Felix Fernanda Finn Fiona Francesca Gabriel Grace Grant "
    "Hana Hannah Harper Hassan Hiroshi Hugo Ian Ibrahim Ines Ingrid Isaac Isabel Ivan Jack "
    "James Jana Javier Jin Joanna Johan Jonas Jordan Jorge Jose Julia Julian Kai Karim Kate "
    "Kenji Khadija Kofi Lara Laura Lee Leila Leo Liam Lina Lucas Lucia Luis Maja Malik Marco "
    "Maria Mark Marta Mateo Maya Megan Mei Mia Michael Miguel Mila Mohammed Nadia Naomi Nathan "
    "Nia Nikhil Nina Noah Nora Olga Oliver Omar Oscar Patricia Paul Pedro Pia Priya Rafael "
    "Rahul Raj Rebecca Ren Ricardo Rosa Ruth Ryan Samuel Sara Sean Sebastian Sofia Sophie "
    "Stefan Sunita Tariq Theo Thomas Tomas Uma Valentina Victor Wei Willem Yara Yusuf Zoe Zara"
).split()

LAST_NAMES = (
    "Abbott Adams Adeyemi Ahmed Alvarez Andersen Anderson Bailey Baker Banerjee Barnes Becker "
    "Bennett Bergstrom Bianchi Bowman Brooks Brown Bryant Campbell Carter Castillo Chan Chen "
    "Clark Coleman Collins Cooper Costa Cruz Dahl Das Davies Davis Delgado Diaz Dubois Edwards "
    "Eriksen Evans Fischer Fernandez Fitzgerald Flores Foster Garcia Gonzalez Gordon Graham "
    "Green Gupta Hall Hansen Harris Hayes Hernandez Hill Hoffmann Holm Howard Hughes Iyer "
    "Jackson Jansen Jensen Johansson Johnson Jones Kaur Keller Kelly Khan Kim King Kowalski "
    "Kruger Kumar Larsen Laurent Lee Lewis Lindqvist Lopez Lund Martin Martinez Meyer Miller "
    "Mitchell Moore Morales Moreau Morgan Muller Murphy Murray Nakamura Nguyen Nielsen Novak "
    "Nowak Obi Okafor Olsen Ortiz Owens Park Patel Perez Perry Peters Petrov Phillips Popescu "
    "Price Quinn Ramirez Reddy Reed Reyes Richards Rivera Roberts Robinson Rodriguez Rossi "
    "Russell Sanchez Santos Sato Schmidt Schneider Schulz Scott Shah Silva Singh Smith Sorensen "
    "Stewart Suzuki Tanaka Taylor Thomas Thompson Torres Turner Varga Vasquez Wagner Walker "
    "Wang Ward Watson Weber White Williams Wilson Wong Wood Wright Yamamoto Young Zhang Zimmermann"
).split()

DEPARTMENTS = (
    "Sales",
    "Marketing",
    "Finance",
    "Human Resources",
    "Engineering",
    "IT",
    "Legal",
    "Operations",
    "Customer Support",
    "Research",
    "Procurement",
    "Facilities",
)

TITLES = {
    "Sales": ("Account Executive", "Sales Manager", "Sales Representative", "VP Sales"),
    "Marketing": ("Marketing Specialist", "Content Strategist", "Marketing Manager", "Brand Lead"),
    "Finance": ("Accountant", "Financial Analyst", "Controller", "Payroll Specialist"),
    "Human Resources": ("HR Generalist", "Recruiter", "HR Manager", "People Partner"),
    "Engineering": ("Software Engineer", "Senior Engineer", "Engineering Manager", "QA Engineer"),
    "IT": ("Systems Administrator", "Helpdesk Technician", "IT Manager", "Security Analyst"),
    "Legal": ("Counsel", "Paralegal", "Compliance Officer", "General Counsel"),
    "Operations": ("Operations Analyst", "Logistics Coordinator", "Operations Manager", "Planner"),
    "Customer Support": ("Support Agent", "Support Lead", "Customer Success Manager", "Trainer"),
    "Research": ("Research Scientist", "Lab Technician", "Research Director", "Data Scientist"),
    "Procurement": ("Buyer", "Procurement Manager", "Vendor Manager", "Category Lead"),
    "Facilities": ("Facilities Coordinator", "Office Manager", "Receptionist", "Facilities Lead"),
}

# (city, country, usage location code, office)
PLACES = (
    ("Seattle", "United States", "US", "SEA-01"),
    ("New York", "United States", "US", "NYC-02"),
    ("Chicago", "United States", "US", "CHI-01"),
    ("Toronto", "Canada", "CA", "YYZ-01"),
    ("London", "United Kingdom", "GB", "LON-03"),
    ("Dublin", "Ireland", "IE", "DUB-01"),
    ("Berlin", "Germany", "DE", "BER-02"),
    ("Paris", "France", "FR", "PAR-01"),
    ("Madrid", "Spain", "ES", "MAD-01"),
    ("Stockholm", "Sweden", "SE", "STO-01"),
    ("Bangalore", "India", "IN", "BLR-04"),
    ("Singapore", "Singapore", "SG", "SIN-01"),
    ("Tokyo", "Japan", "JP", "TYO-02"),
    ("Sydney", "Australia", "AU", "SYD-01"),
    ("Sao Paulo", "Brazil", "BR", "SAO-01"),
)

SHARED_MAILBOXES = (
    ("Info", "info"),
    ("Sales Inbox", "sales"),
    ("Support", "support"),
    ("Accounts Payable", "ap"),
    ("Accounts Receivable", "ar"),
    ("HR Inbox", "hr"),
    ("Recruiting", "recruiting"),
    ("IT Helpdesk", "ithelp"),
    ("Marketing Team", "marketing"),
    ("Press", "press"),
    ("Legal Notices", "legal"),
    ("Invoices", "invoices"),
    ("Careers", "careers"),
    ("Facilities Requests", "facilities"),
    ("Security Reports", "security"),
    ("Partners", "partners"),
    ("Events", "events"),
    ("Travel Desk", "travel"),
    ("Payroll", "payroll"),
    ("Procurement", "procurement"),
)

EQUIPMENT = ("Projector", "Pool Car", "Camera Kit", "Laptop Loaner", "Conference Phone", "Van")

GROUPS = (
    ("All Staff", "allstaff"),
    ("Sales Team", "salesteam"),
    ("Marketing Updates", "marketingupdates"),
    ("Engineering", "engineering"),
    ("Finance Team", "finance"),
    ("IT Admins", "itadmins"),
    ("Leadership", "leadership"),
    ("Project Phoenix", "phoenix"),
    ("Social Committee", "social"),
    ("Security Alerts", "securityalerts"),
)

M365_GROUPS = ("Project Atlas", "Design Reviews", "Customer Advisory", "New Hires", "Book Club")

PARTNER_DOMAINS = (
    "fabrikam.com",
    "adatum.com",
    "litwareinc.com",
    "northwindtraders.com",
    "tailspintoys.com",
)
